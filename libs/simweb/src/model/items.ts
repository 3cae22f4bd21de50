// Items of a column, produced on demand from (site, column, index): item 0 is the newest.
import lexicon from '../data/lexicon.json';
import { hash32, pick, randInt } from '../util/hash';
import { cst, DAY_MS, fromCst, pad2 } from '../util/time';
import type { Attachment, ColumnModel, Item, SiteModel } from './types';

export const PAGE_SIZE = 20;

/** Publication instant of item `index`: whole-day steps back from the newest, at a working-hours time. */
export function itemDate(site: SiteModel, col: ColumnModel, index: number): Date {
  const day = new Date(col.newestAt.getTime() - Math.floor(index * col.intervalDays) * DAY_MS);
  const c = cst(day);
  const minutes = randInt(8 * 60 + 30, 18 * 60, site.seed, site.id, col.key, index, 't');
  let d = fromCst(c.y, c.m, c.d, Math.floor(minutes / 60), minutes % 60, 0);
  // never later than the newest instant (and so never after asOf)
  if (d.getTime() > col.newestAt.getTime()) d = col.newestAt;
  return d;
}

function fill(template: string, subject: string): string {
  return template.replace('{S}', subject);
}

/** Short name of the site's government or unit, used in titles (云溪市人民政府 → 云溪市). */
export function shortName(site: SiteModel): string {
  return site.name.replace(/(人民政府|政府)?(门户)?网站?$/, '').replace(/人民政府$/, '') || site.name;
}

/** The issuing authority in policy titles: 云溪市人民政府 for a portal, the department itself otherwise. */
export function issuer(site: SiteModel): string {
  return site.kind === 'portal' ? `${shortName(site)}人民政府` : site.name;
}

export function itemTitle(site: SiteModel, col: ColumnModel, index: number): string {
  const k = [site.seed, site.id, col.key, index];
  const subject = pick(lexicon.titleSubjects, ...k, 's');
  const sn = shortName(site);
  switch (col.class) {
    case 'news':
      return `${sn}${fill(pick(lexicon.newsVerbs, ...k, 'v'), subject)}`;
    case 'notice':
      return fill(pick(lexicon.noticeTitles, ...k, 'v'), subject);
    case 'policy':
      return `${issuer(site)}${fill(pick(lexicon.policyTitles, ...k, 'v'), subject)}`;
    case 'interpretation':
      return `图解：《${issuer(site)}${fill(pick(lexicon.policyTitles, site.seed, site.id, 'policy', index, 'v'), pick(lexicon.titleSubjects, site.seed, site.id, 'policy', index, 's'))}》政策解读`;
    case 'personnel':
      return `${sn}2024年度${subject}岗位公开招聘工作人员拟聘用人员公示（第${index + 1}批）`;
    case 'planning':
      return `${sn}${subject}专项规划（第${index + 1}号）`;
    case 'service-stats':
      return `${sn}政务服务事项办件统计（第${index + 1}期）`;
    case 'survey':
      return `关于《${sn}${subject}工作实施方案（征求意见稿）》公开征求意见的公告`;
    case 'interview':
      return `在线访谈：聚焦${subject} 回应群众关切`;
    default:
      return `${sn}${subject}情况通报（第${index + 1}期）`;
  }
}

function yyyymm(d: Date): string {
  const c = cst(d);
  return `${c.y}${pad2(c.m)}`;
}

export function yyyymmdd(d: Date): string {
  const c = cst(d);
  return `${c.y}${pad2(c.m)}${pad2(c.d)}`;
}

export function itemPath(col: ColumnModel, index: number, date: Date): string {
  return `${col.path}${yyyymm(date)}/t${yyyymmdd(date)}_${index}.html`;
}

function attachmentsOf(site: SiteModel, col: ColumnModel, index: number, date: Date): Attachment[] {
  const forced = site.injections.some((j) => j.where === 'attachment' && j.column === col.key && j.index === index);
  const natural = (col.class === 'policy' || col.class === 'notice') && hash32(site.seed, site.id, col.key, index, 'att') % 3 === 0;
  if (!forced && !natural) return [];
  const exts = ['docx', 'xlsx', 'pdf'] as const;
  const ext = exts[hash32(site.seed, site.id, col.key, index, 'ext') % 3];
  const label = { docx: '附件1：相关材料', xlsx: '附件：统计明细表', pdf: '附件：正式文件' }[ext];
  return [{ ext, name: `${label}.${ext}`, path: `${col.path}${yyyymm(date)}/W${yyyymmdd(date)}_${index}_1.${ext}` }];
}

export function getItem(site: SiteModel, col: ColumnModel, index: number): Item {
  const date = itemDate(site, col, index);
  const item: Item = {
    column: col,
    index,
    pinned: false,
    date,
    title: itemTitle(site, col, index),
    path: itemPath(col, index, date),
    attachments: attachmentsOf(site, col, index, date),
  };
  if (col.class === 'policy') {
    const y = cst(date).y;
    item.docNo = `${shortName(site).slice(0, 2)}${site.kind === 'portal' ? '政' : ''}发〔${y}〕${(hash32(site.seed, site.id, col.key, index, 'no') % 40) + 1}号`;
  }
  return item;
}

/** Pinned items: older than everything else, shown first (a real pattern that fools "first date = newest"). */
export function getPinned(site: SiteModel, col: ColumnModel, p: number): Item {
  const date = new Date(col.newestAt.getTime() - (400 + p * 97) * DAY_MS);
  const index = -1 - p;
  return {
    column: col,
    index,
    pinned: true,
    date,
    title: `【置顶】${itemTitle(site, col, 1000 + p)}`,
    path: `${col.path}${yyyymm(date)}/t${yyyymmdd(date)}_p${p}.html`,
    attachments: [],
  };
}

export function pageCount(col: ColumnModel): number {
  return Math.max(1, Math.ceil(col.count / PAGE_SIZE));
}

/** Items of list page `page` (0-based). */
export function listPage(site: SiteModel, col: ColumnModel, page: number): Item[] {
  const out: Item[] = [];
  const start = page * PAGE_SIZE;
  for (let i = start; i < Math.min(col.count, start + PAGE_SIZE); i++) out.push(getItem(site, col, i));
  return out;
}

const ARTICLE_RE = /^(.*\/)(\d{6})\/t(\d{8})_(\d+|p\d)\.html$/;

/** Resolves an article path back to its item; null when no such item exists. */
export function itemFromPath(site: SiteModel, path: string): Item | null {
  const m = ARTICLE_RE.exec(path);
  if (!m) return null;
  const col = site.columnByPath.get(m[1]);
  if (!col || col.single) return null;
  const it = m[4].startsWith('p') ? getPinned(site, col, Number(m[4].slice(1))) : getItem(site, col, Number(m[4]));
  if (it.pinned ? Number(m[4].slice(1)) >= col.pinned : it.index >= col.count) return null;
  return it.path === path ? it : null;
}

const ATTACH_RE = /^(.*\/)(\d{6})\/W(\d{8})_(\d+)_1\.(docx|xlsx|pdf)$/;

export function attachmentFromPath(site: SiteModel, path: string): { item: Item; attachment: Attachment } | null {
  const m = ATTACH_RE.exec(path);
  if (!m) return null;
  const col = site.columnByPath.get(m[1]);
  if (!col || col.single || Number(m[4]) >= col.count) return null;
  const item = getItem(site, col, Number(m[4]));
  const attachment = item.attachments.find((a) => a.path === path);
  return attachment ? { item, attachment } : null;
}
