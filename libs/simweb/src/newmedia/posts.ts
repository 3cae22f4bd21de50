// Posts of a government new-media account, computed on demand: regular posts, reposts of assigned
// articles (correct or altered), a stop announcement, comments with the account's replies.
import lexicon from '../data/lexicon.json';
import type { AccountModel, AssignedArticle, ScenarioModel } from '../model/types';
import { hash32, pick, randInt } from '../util/hash';
import { cst, DAY_MS, fromCst } from '../util/time';

export interface Comment {
  id: string;
  user: string;
  text: string;
  at: Date;
  reply: { text: string; at: Date } | null;
}

export interface Post {
  id: string;
  at: Date;
  title: string;
  text: string;
  /** Set on reposts of assigned articles. */
  repostOf?: string;
  source?: string;
  comments: Comment[];
  kind: 'regular' | 'repost' | 'stop-notice';
}

export const STOP_NOTICE = '本账号即日起停止更新，感谢广大网友长期以来的关注和支持！';

/** Text-type platforms are expected to repost assigned articles (checklist §7 重要信息转载). */
export const TEXT_PLATFORMS = new Set(['wechat', 'weibo', 'toutiao']);

function at(day: Date, ...keys: (string | number)[]): Date {
  const c = cst(day);
  const m = randInt(7 * 60, 21 * 60, ...keys);
  return fromCst(c.y, c.m, c.d, Math.floor(m / 60), m % 60);
}

/** The account's repost of an assigned article, or null when it has none. */
export function repostOf(sc: ScenarioModel, a: AccountModel, art: AssignedArticle): Post | null {
  if (!TEXT_PLATFORMS.has(a.platform) || a.reposts === 'missing' || a.posts === 0) return null;
  const when = new Date(art.publishedAt.getTime() + (2 + (hash32(sc.seed, a.id, art.id) % 20)) * 3600_000);
  if (when.getTime() > a.newestAt.getTime() || when.getTime() > sc.asOf.getTime()) return null;
  const altered = a.reposts === 'altered';
  return {
    id: `r${hash32(sc.seed, a.id, art.id)}`,
    at: when,
    title: altered ? `转发：${art.title.slice(0, Math.max(6, art.title.length - 4))}` : art.title,
    text: altered ? `${art.title.slice(0, 12)}……（全文略）` : `${art.title}\n来源：${art.source}\n（全文）`,
    repostOf: art.id,
    source: altered ? undefined : art.source,
    comments: [],
    kind: 'repost',
  };
}

function comments(sc: ScenarioModel, a: AccountModel, postId: string, postAt: Date): Comment[] {
  if (a.comments === 'closed') return [];
  const n = hash32(sc.seed, a.id, postId, 'nc') % 4;
  const out: Comment[] = [];
  for (let i = 0; i < n; i++) {
    const k = [sc.seed, a.id, postId, 'c', i];
    const cAt = new Date(postAt.getTime() + (1 + (hash32(...k, 't') % 600)) * 60_000);
    if (cAt.getTime() > sc.asOf.getTime()) continue;
    const rAt = new Date(cAt.getTime() + (30 + (hash32(...k, 'r') % 1200)) * 60_000);
    out.push({
      id: `${postId}${i}`,
      user: `${pick(lexicon.surnames, ...k, 'u')}网友${hash32(...k, 'un') % 1000}`,
      text: pick(lexicon.questions, ...k, 'q'),
      at: cAt,
      reply: rAt.getTime() <= sc.asOf.getTime() ? { text: '您好，感谢关注，您的问题已转相关部门办理。', at: rAt } : null,
    });
  }
  return out;
}

/** All posts of an account, newest first. */
export function postsOf(sc: ScenarioModel, a: AccountModel): Post[] {
  const out: Post[] = [];
  for (let j = 0; j < a.posts; j++) {
    const day = new Date(a.newestAt.getTime() - Math.floor(j * a.intervalDays) * DAY_MS);
    let t = at(day, sc.seed, a.id, j);
    if (t.getTime() > a.newestAt.getTime()) t = a.newestAt;
    const id = `${hash32(sc.seed, a.id, j).toString(36)}${j}`;
    const subject = pick(lexicon.titleSubjects, sc.seed, a.id, j, 's');
    let title = `${a.name.replace(/发布$|在线$|微讯$/, '')}${pick(lexicon.newsVerbs, sc.seed, a.id, j, 'v').replace('{S}', subject)}`;
    let text = `${title}。${pick(lexicon.bodySentences, sc.seed, a.id, j, 'b').replace('{S}', subject)}`;
    let kind: Post['kind'] = 'regular';
    if (a.state === 'stopped' && j === 0) {
      title = '停更公告';
      text = STOP_NOTICE;
      kind = 'stop-notice';
    } else if (a.wordingError && j === 0) {
      const e = pick(lexicon.wordingErrors, sc.seed, a.id, 'we');
      text = `${title}。会议要求，全面贯彻落实${e.wrong}有关部署要求。`;
    }
    out.push({ id, at: t, title, text, comments: comments(sc, a, id, t), kind });
  }
  for (const art of sc.assignedArticles) {
    const r = repostOf(sc, a, art);
    if (r) out.push({ ...r, comments: comments(sc, a, r.id, r.at) });
  }
  return out.sort((x, y) => y.at.getTime() - x.at.getTime());
}

export function wordingErrorOf(sc: ScenarioModel, a: AccountModel): { wrong: string; right: string } | null {
  if (!a.wordingError || a.posts === 0 || a.state === 'stopped') return null;
  return pick(lexicon.wordingErrors, sc.seed, a.id, 'we');
}
