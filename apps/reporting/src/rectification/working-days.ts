import { findWorkday } from 'chinese-days';

/**
 * The rectification deadline: the end (23:59:59 China time) of the N-th official working day after the publish date,
 * counting 调休 working weekends and skipping public holidays (chinese-days calendar).
 */
export function rectificationDeadline(publishDate: string, workingDays: number): string {
  const day = findWorkday(workingDays, publishDate);
  return `${day}T23:59:59+08:00`;
}
