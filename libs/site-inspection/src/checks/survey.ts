// 调查征集: activities held in the lookback (bonus W-B-SURVEY), feedback published within the feedback window after
// the end (W-D-SURVEY-FEEDBACK), forged periods (W-V1 clause 5: a period far from the publication date, or one
// that ends the day it starts).
import { cstDay } from '@govinspect/rule-sets';
import type { FindingDraft } from '../finding';
import { parseSurveyPeriod } from '@govinspect/page-analysis';
import { addWindow, classField, olderThan, ruleParam } from '../rules';
import type { SiteView } from '../site-view';
import { columnOf } from '../site-view';

const FEEDBACK = /(征集结果反馈|结果反馈|意见采纳情况|反馈时间)/;

export function surveys(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  const lookback = classField(view.ruleSet, 'survey', 'lookback');
  const feedbackWindow = classField(view.ruleSet, 'survey', 'feedback');
  for (const p of view.pages.values()) {
    const art = p.analysis?.article;
    if (!art) continue;
    const col = columnOf(view, p.url);
    if (!col || col.columnClass !== 'survey') continue;
    const text = art.bodyText;
    const period = parseSurveyPeriod(text, { asOf: view.asOf });
    const { start, end } = period;
    if (!start || !end || !period.raw) continue;
    const evidence = period.raw.replace(/\s+/g, '');
    const base = { url: p.url, breadcrumb: col.breadcrumb, archiveId: p.archiveId };
    const published = art.publishedAt?.slice(0, 10) ?? null;
    // a period this far from the publication date is not a real one (2000年 on a page published now)
    const far = published !== null && Math.abs(cstDay(start) - cstDay(published)) > ruleParam(view.ruleSet, 'W-V1.forgedPeriodDays');
    if (far || start === end) {
      out.push({ ...base, type: 'forged-date', evidence, key: 'period', attributes: { forgedKind: start === end ? 'start-equals-end' : 'period-far-from-publication', startedAt: start, endedAt: end } });
      continue;
    }
    if (olderThan(start, view.asOf, lookback)) continue;
    out.push({ ...base, type: 'survey-activity-held', evidence: art.title, key: 'held', attributes: { startedAt: start, endedAt: end, channel: /电子邮件|邮箱/.test(text) ? 'email' : /在线|网上/.test(text) ? 'web' : 'other' } });
    const due = addWindow(end, feedbackWindow);
    if (cstDay(due) >= cstDay(view.asOf)) continue; // the feedback deadline has not passed yet
    // feedback published: the section is there; late when its date is after the feedback window
    const fbDate = period.feedbackAt && period.feedbackAt >= end ? period.feedbackAt : null;
    if (!FEEDBACK.test(text) || (fbDate && fbDate > due)) {
      out.push({ ...base, type: 'survey-feedback-missing', evidence, key: 'feedback', attributes: { startedAt: start, endedAt: end, feedbackAt: fbDate } });
    }
  }
  return out;
}
