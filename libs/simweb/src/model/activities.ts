// Interaction content derived from column items: 留言 with replies, 调查征集 activities with feedback,
// policy ↔ 解读 links. Pure functions of the site model (ground truth and pages share them).
import lexicon from '../data/lexicon.json';
import { hash32, pick, randInt } from '../util/hash';
import { cst, DAY_MS, fromCst } from '../util/time';
import { getItem } from './items';
import type { Item, SiteModel } from './types';

export interface Message {
  item: Item;
  asker: string;
  question: string;
  /** null: never answered (unanswered defect) or answered after asOf (pending). */
  repliedAt: Date | null;
  reply: string;
  replyUnit: string;
}

function workingTime(d: Date, ...keys: (string | number)[]): Date {
  const c = cst(d);
  const minutes = randInt(9 * 60, 17 * 60 + 30, ...keys);
  return fromCst(c.y, c.m, c.d, Math.floor(minutes / 60), minutes % 60);
}

export function messageOf(site: SiteModel, index: number): Message | null {
  const col = site.columns.find((c) => c.class === 'message-public');
  if (!col || index >= col.count) return null;
  const item = getItem(site, col, index);
  const k = [site.seed, site.id, 'msg', index];
  const q = pick(lexicon.questions, ...k, 'q');
  item.title = q.replace(/[？?]$/, '').slice(0, 24);
  const [lo, hi] = site.messages.replyDays;
  let repliedAt: Date | null = null;
  if (!site.messages.unanswered.has(index)) {
    const days = lo + (hash32(...k, 'rd') % (Math.floor(hi - lo) + 1));
    const t = workingTime(new Date(item.date.getTime() + days * DAY_MS), ...k, 'rt');
    repliedAt = t.getTime() > item.date.getTime() && t.getTime() <= site.asOf.getTime() ? t : null;
  }
  return {
    item,
    asker: `${pick(lexicon.surnames, ...k, 's')}**`,
    question: `您好！${q}希望相关部门给予答复，谢谢。`,
    repliedAt,
    reply: `您好！您反映的问题已收悉。经核实，${site.hostUnit}高度重视，已安排专人办理，具体事宜可拨打咨询电话了解。感谢您的关注与支持！`,
    replyUnit: site.hostUnit,
  };
}

export interface Survey {
  item: Item;
  start: Date;
  end: Date;
  /** Shown period text, e.g. 2024年6月1日至2024年6月15日 (forged-date defects change it). */
  periodText: string;
  feedbackAt: Date | null;
  forged: 'year-2000' | 'start-equals-end' | null;
}

const cnDay = (d: Date) => {
  const c = cst(d);
  return `${c.y}年${c.m}月${c.d}日`;
};

export function surveyOf(site: SiteModel, index: number): Survey | null {
  const col = site.columns.find((c) => c.class === 'survey');
  if (!col || index >= col.count) return null;
  const item = getItem(site, col, index);
  const forgedInj = site.injections.find((j) => j.kind === 'forged-date' && j.index === index);
  const forged = (forgedInj?.detail.forgedKind as Survey['forged']) ?? null;
  const start = item.date;
  const end = forged === 'start-equals-end' ? start : new Date(start.getTime() + 15 * DAY_MS);
  const periodText = forged === 'year-2000' ? '2000年3月30日至2000年4月30日' : `${cnDay(start)}至${cnDay(end)}`;
  const fb = new Date(end.getTime() + 10 * DAY_MS);
  const feedbackAt = site.surveys.feedbackMissing.has(index) || forged || fb.getTime() > site.asOf.getTime() ? null : fb;
  return { item, start, end, periodText, feedbackAt, forged };
}

/** 解读 index i interprets policy index i for i < pairs; the first oneWay lack the back link, the next `missing` lack the forward link. */
export function policyLinkState(site: SiteModel, policyIndex: number): { interpretation: number | null; policyLinksBack: boolean; interpretationLinks: boolean } {
  const p = site.policyLinks;
  const interp = site.columnByKey.get('interpretation');
  if (!interp || policyIndex >= p.pairs || policyIndex >= interp.count) return { interpretation: null, policyLinksBack: false, interpretationLinks: false };
  return {
    interpretation: policyIndex,
    policyLinksBack: policyIndex >= p.oneWay,
    interpretationLinks: !(policyIndex >= p.oneWay && policyIndex < p.oneWay + p.missing),
  };
}

/** Major policies (issued in the government's own name) left without any 解读. */
export function uninterpretedPolicies(site: SiteModel): number[] {
  const pol = site.columnByKey.get('policy');
  if (!pol) return [];
  const out: number[] = [];
  for (let i = site.policyLinks.pairs; i < Math.min(pol.count, site.policyLinks.pairs + site.policyLinks.uninterpreted); i++) out.push(i);
  return out;
}
