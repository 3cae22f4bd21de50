// 留言公开 (W-V5 clause 2): messages received within the lookback and left without a reply longer than the
// consultation window. The board's freshness is a column check (message-board-stale).
import type { FindingDraft } from '../finding';
import { parseDateText } from '../local/dates';
import { olderThan } from '../rules';
import { classField } from '../rules';
import type { SiteView } from '../site-view';

function detailTimes(view: SiteView, url: string): { received: string | null; replied: string | null; known: boolean } {
  const a = view.pages.get(url)?.analysis;
  if (!a) return { received: null, replied: null, known: false };
  const t = a.text;
  const r = /留言时间\s*[：:]?\s*(\d{4}-\d{2}-\d{2}(?:\s+\d{2}:\d{2})?)/.exec(t);
  const p = /答复时间\s*[：:]?\s*(\d{4}-\d{2}-\d{2}(?:\s+\d{2}:\d{2})?)/.exec(t);
  return { received: r?.[1] ?? null, replied: p?.[1] ?? null, known: true };
}

export function messages(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  const window = classField(view.ruleSet, 'consultation', 'window');
  const lookback = classField(view.ruleSet, 'consultation', 'lookback');
  for (const c of view.columns.filter((x) => x.columnClass === 'message-public')) {
    for (const it of c.items) {
      const d = detailTimes(view, it.url);
      const received = d.received ?? it.dateTime ?? it.date;
      if (!received) continue;
      // list cells: 留言时间 then 答复时间 (or 办理中)
      const replyCell = it.cells.slice(2).map((x) => parseDateText(x, view.asOf)).filter(Boolean).pop() ?? null;
      const replied = d.known ? d.replied : (replyCell && replyCell.date >= received.slice(0, 10) ? replyCell.date : null);
      if (olderThan(received, view.asOf, lookback)) continue;
      const late = replied ? olderThan(received, replied.slice(0, 10) + 'T23:59:59+08:00', window) : olderThan(received, view.asOf, window);
      if (!late) continue;
      out.push({
        type: 'message-unanswered', url: it.url, breadcrumb: c.breadcrumb, archiveId: view.pages.get(it.url)?.archiveId ?? c.archiveId,
        evidence: `${it.title} 留言时间：${received}`, key: 'unanswered',
        attributes: { receivedAt: received.slice(0, 10), repliedAt: replied ? replied.slice(0, 10) : null, columnClass: 'message-public' },
      });
    }
  }
  return out;
}
