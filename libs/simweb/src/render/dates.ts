// Date renderings seen on real list pages (checklist §8).
import type { DateFormat } from '../scenario/schema';
import { cst, pad2, ymd } from '../util/time';

export interface RenderedDate {
  /** Text shown next to the link ('' when the date lives only in the tooltip). */
  visible: string;
  /** title= tooltip of the link, if the format puts the date there. */
  tooltip?: string;
}

export function renderListDate(d: Date, format: DateFormat): RenderedDate {
  const c = cst(d);
  switch (format) {
    case 'iso':
      return { visible: ymd(d) };
    case 'slash':
      return { visible: `${c.y}/${c.m}/${c.d}` };
    case 'bracket-md':
      return { visible: `[${pad2(c.m)}-${pad2(c.d)}]` };
    case 'md':
      return { visible: `${pad2(c.m)}-${pad2(c.d)}` };
    case 'cn':
      return { visible: `${c.y}年${c.m}月${c.d}日` };
    case 'label':
      return { visible: `发布时间：${ymd(d)}` };
    case 'tooltip':
      return { visible: '', tooltip: `更新时间：${c.y}/${c.m}/${c.d} ${c.hh}:${pad2(c.mi)}:${pad2(c.ss)}` };
  }
}

export function cnDate(d: Date): string {
  const c = cst(d);
  return `${c.y}年${c.m}月${c.d}日`;
}
