// 留言公开 (W-V5 clause 2): messages received within the lookback and left without a reply longer than the
// consultation window. The board's freshness is a column check (message-board-stale).
import { parseMessageBoard, parseMessagePage, type MessageEntry } from '@govinspect/page-analysis';
import type { FindingDraft } from '../finding';
import { classField, olderThan } from '../rules';
import { dirOf, PAGINATION_URL } from '../site-view';
import type { ColumnView, SiteView } from '../site-view';

/** The board's rows (留言时间 / 答复时间 cells) on the column page and its further list pages. */
function boardRows(view: SiteView, c: ColumnView): Map<string, MessageEntry> {
  const rows = new Map<string, MessageEntry>();
  for (const p of view.pages.values()) {
    if (!p.ok || !p.html || (p !== c.page && !(PAGINATION_URL.test(p.url) && dirOf(p.url) === c.dir))) continue;
    for (const e of parseMessageBoard(p.html, p.url)) if (!rows.has(e.url)) rows.set(e.url, e);
  }
  return rows;
}

export function messages(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  const window = classField(view.ruleSet, 'consultation', 'window');
  const lookback = classField(view.ruleSet, 'consultation', 'lookback');
  for (const c of view.columns.filter((x) => x.columnClass === 'message-public')) {
    const rows = boardRows(view, c);
    for (const it of c.items) {
      // the message's own page decides when it was crawled; else the board's cells
      const detail = view.pages.get(it.url);
      const d = detail?.ok && detail.html ? parseMessagePage(detail.html) : null;
      const row = rows.get(it.url);
      const received = d?.receivedAt ?? row?.receivedAt ?? it.dateTime ?? it.date;
      if (!received) continue;
      const rowReply = row?.repliedAt && row.repliedAt.slice(0, 10) >= received.slice(0, 10) ? row.repliedAt : null;
      const replied = d ? d.repliedAt : rowReply;
      if (olderThan(received, view.asOf, lookback)) continue;
      const late = replied ? olderThan(received, replied.slice(0, 10) + 'T23:59:59+08:00', window) : olderThan(received, view.asOf, window);
      if (!late) continue;
      out.push({
        type: 'message-unanswered', url: it.url, breadcrumb: c.breadcrumb, archiveId: detail?.archiveId ?? c.archiveId,
        evidence: `${it.title} 留言时间：${received.replace('T', ' ')}`, key: 'unanswered',
        attributes: { receivedAt: received.slice(0, 10), repliedAt: replied ? replied.slice(0, 10) : null, columnClass: 'message-public' },
      });
    }
  }
  return out;
}

/**
 * 留言公开 [P] (checklist §4): each published message must show 留言时间, and, once answered, 答复时间. Judged on the
 * message pages the crawl fetched (a board row alone may simply lack the column); one finding per column and
 * missing element, naming how many messages lack it and the first one.
 */
export function messageDates(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const c of view.columns.filter((x) => x.columnClass === 'message-public')) {
    const missing = new Map<'留言时间' | '答复时间', { url: string; title: string; archiveId: string | null; n: number }>();
    for (const it of c.items) {
      const detail = view.pages.get(it.url);
      if (!detail?.ok || !detail.html) continue;
      const d = parseMessagePage(detail.html);
      const lacks: Array<'留言时间' | '答复时间'> = [];
      if (!d.receivedAt) lacks.push('留言时间');
      if (d.replyText && d.state !== 'processing' && !d.repliedAt) lacks.push('答复时间');
      for (const element of lacks) {
        const m = missing.get(element);
        if (m) m.n++;
        else missing.set(element, { url: it.url, title: it.title, archiveId: detail.archiveId ?? null, n: 1 });
      }
    }
    for (const [element, m] of missing) {
      out.push({
        type: 'message-dates-missing', url: m.url, breadcrumb: c.breadcrumb, archiveId: m.archiveId ?? c.archiveId,
        evidence: `${m.title} 未标明${element}`, key: element,
        attributes: { element, subject: `${m.n}条公开留言未标明${element}`, columnClass: 'message-public' },
      });
    }
  }
  return out;
}
