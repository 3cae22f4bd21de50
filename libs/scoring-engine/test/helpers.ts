import type { FindingInput, FindingType } from '@govinspect/contracts';

/** Monitoring time point used by the golden cases (the Xianning 2022 Q2 spot check ran in mid-May). */
export const AS_OF = '2022-05-16T10:00:00+08:00';
export const PERIOD = { from: '2022-04-01T00:00:00+08:00', to: '2022-05-16T23:59:59+08:00' };

let seq = 0;

/** A finding as the crawl would emit it; `at` is the observation time. */
export function finding(
  targetId: string,
  type: FindingType,
  crumb: string,
  attributes: Record<string, unknown> = {},
  extra: Partial<FindingInput> = {},
): FindingInput {
  seq += 1;
  const url = `http://www.example.gov.cn/${encodeURIComponent(crumb)}`;
  return {
    id: extra.id ?? `f-${String(seq).padStart(4, '0')}`,
    type,
    targetId,
    targetKind: extra.targetKind ?? 'site',
    asOf: '2022-05-15T09:00:00+08:00',
    location: { url, breadcrumb: crumb },
    evidence: { text: `${crumb}`, archiveId: `arc-${seq}` },
    attributes,
    source: 'machine',
    ...extra,
  } as FindingInput;
}
