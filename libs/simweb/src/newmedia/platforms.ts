// Loopback imitations of the platforms' public surfaces (field names follow the real web APIs where
// known): WeChat official-account message list, Weibo timeline, Douyin video list, Toutiao feed.
import type { AccountModel, ScenarioModel } from '../model/types';
import type { Platform } from '../scenario/schema';
import { type Post, postsOf } from './posts';

export const PLATFORM_HOSTS: Record<Platform, string> = {
  wechat: 'mp.weixin.qq.com',
  weibo: 'weibo.com',
  douyin: 'www.douyin.com',
  toutiao: 'www.toutiao.com',
};

export interface PlatformResponse {
  status: number;
  contentType: string;
  body: string;
}

const json = (v: unknown, status = 200): PlatformResponse => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(v) });
const html = (v: string, status = 200): PlatformResponse => ({ status, contentType: 'text/html; charset=utf-8', body: v });
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** Weibo's created_at format: `Sat Jun 22 10:00:00 +0800 2024`. */
function weiboDate(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000);
  const W = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const M = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${W[t.getUTCDay()]} ${M[t.getUTCMonth()]} ${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())} +0800 ${t.getUTCFullYear()}`;
}

/** The public home URL of an account on its platform (used in registry import rows). */
export function accountUrl(a: AccountModel): string {
  switch (a.platform) {
    case 'wechat':
      return `https://${PLATFORM_HOSTS.wechat}/mp/profile_ext?action=home&__biz=${biz(a)}`;
    case 'weibo':
      return `https://${PLATFORM_HOSTS.weibo}/u/${a.uid}`;
    case 'douyin':
      return `https://${PLATFORM_HOSTS.douyin}/user/${secUid(a)}`;
    case 'toutiao':
      return `https://${PLATFORM_HOSTS.toutiao}/c/user/token/${a.uid}/`;
  }
}

export const biz = (a: AccountModel) => Buffer.from(a.uid).toString('base64url');
export const secUid = (a: AccountModel) => `MS4wLjABAAAA${a.uid}`;

export class PlatformSurface {
  private readonly byKey = new Map<string, AccountModel>();
  private readonly cache = new Map<string, Post[]>();

  constructor(private readonly sc: ScenarioModel) {
    for (const a of sc.accounts) {
      const key = a.platform === 'wechat' ? biz(a) : a.platform === 'douyin' ? secUid(a) : a.uid;
      this.byKey.set(`${a.platform}:${key}`, a);
    }
  }

  private posts(a: AccountModel): Post[] {
    let p = this.cache.get(a.id);
    if (!p) {
      p = postsOf(this.sc, a);
      if (this.cache.size > 2000) this.cache.clear();
      this.cache.set(a.id, p);
    }
    return p;
  }

  platformOf(host: string): Platform | null {
    return (Object.entries(PLATFORM_HOSTS).find(([, h]) => h === host)?.[0] as Platform) ?? null;
  }

  handle(platform: Platform, path: string, q: URLSearchParams): PlatformResponse {
    const find = (key: string | null) => (key ? this.byKey.get(`${platform}:${key}`) : undefined);
    const page = (list: Post[], offset: number, count: number) => list.slice(offset, offset + count);
    if (platform === 'wechat') {
      const a = find(q.get('__biz'));
      if (path === '/mp/profile_ext' && a && q.get('action') === 'home') {
        return html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${a.name}</title></head><body><div class="profile_nickname">${a.name}</div><div class="profile_desc">${a.hostUnit}官方公众号</div></body></html>`);
      }
      if (path === '/mp/profile_ext' && a && q.get('action') === 'getmsg') {
        const offset = Number(q.get('offset') ?? 0);
        const count = Math.min(Number(q.get('count') ?? 10), 10);
        const all = this.posts(a);
        const list = page(all, offset, count).map((p) => ({
          comm_msg_info: { id: p.id, type: 49, datetime: unix(p.at) },
          app_msg_ext_info: { title: p.title, digest: p.text.slice(0, 40), content_url: `https://${PLATFORM_HOSTS.wechat}/s?__biz=${biz(a)}&mid=${p.id}`, source_url: '', author: a.name },
        }));
        return json({ ret: 0, errmsg: 'ok', can_msg_continue: offset + count < all.length ? 1 : 0, next_offset: offset + count, msg_count: list.length, general_msg_list: JSON.stringify({ list }) });
      }
      const p = a && path === '/s' ? this.posts(a).find((x) => x.id === q.get('mid')) : undefined;
      const art = a;
      if (art && p) {
        return html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${p.title}</title></head><body><h1 class="rich_media_title" id="activity-name">${p.title}</h1><span id="js_name">${art.name}</span><em id="publish_time">${new Date(p.at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}</em><script>var ct = "${unix(p.at)}";var comment_enabled = ${art.comments === 'open' ? 1 : 0};</script><div id="js_content">${p.text.replace(/\n/g, '<br>')}</div></body></html>`);
      }
      if (path === '/mp/appmsg_comment') {
        const ca = find(q.get('__biz'));
        const cp = ca ? this.posts(ca).find((x) => x.id === q.get('appmsgid')) : undefined;
        if (ca && cp) {
          return json({ base_resp: { ret: 0 }, enabled: ca.comments === 'open' ? 1 : 0, elected_comment: cp.comments.map((c) => ({ content_id: c.id, nick_name: c.user, content: c.text, create_time: unix(c.at), reply: { reply_list: c.reply ? [{ content: c.reply.text, create_time: unix(c.reply.at) }] : [] } })) });
        }
      }
      return json({ ret: -2, errmsg: 'invalid args' }, 200);
    }
    if (platform === 'weibo') {
      const a = find(q.get('uid') ?? /^\/u\/(\d+)$/.exec(path)?.[1] ?? null);
      if (a && path.startsWith('/u/')) return html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${a.name}的微博_微博</title></head><body><h1>${a.name}</h1><p>${a.hostUnit}官方微博</p></body></html>`);
      if (a && path === '/ajax/profile/info') {
        return json({ ok: 1, data: { user: { id: Number(a.uid), idstr: a.uid, screen_name: a.name, verified: true, verified_reason: a.hostUnit, statuses_count: this.posts(a).length } } });
      }
      if (a && path === '/ajax/statuses/mymblog') {
        const p = Math.max(1, Number(q.get('page') ?? 1));
        const all = this.posts(a);
        const list = page(all, (p - 1) * 20, 20).map((x) => ({
          id: Number(x.id.replace(/\D/g, '').slice(0, 15) || 1), idstr: x.id, mblogid: x.id, created_at: weiboDate(x.at), text_raw: x.text,
          comments_count: x.comments.length, reposts_count: 0, attitudes_count: x.comments.length * 3,
          comment_manage_info: { comment_permission_type: a.comments === 'open' ? 0 : -1, approval_comment_type: 0 },
          user: { idstr: a.uid, screen_name: a.name },
        }));
        return json({ ok: 1, data: { list, total: all.length, since_id: '' } });
      }
      if (a && path === '/ajax/statuses/buildComments') {
        const x = this.posts(a).find((y) => y.id === q.get('id'));
        if (x) return json({ ok: 1, data: x.comments.map((c) => ({ idstr: c.id, text_raw: c.text, created_at: weiboDate(c.at), user: { screen_name: c.user }, comments: c.reply ? [{ text_raw: c.reply.text, created_at: weiboDate(c.reply.at), user: { screen_name: a.name } }] : [] })), total_number: x.comments.length });
      }
      return json({ ok: 0, msg: '用户不存在' }, 200);
    }
    if (platform === 'douyin') {
      const a = find(q.get('sec_user_id') ?? /^\/user\/(\w+)$/.exec(path)?.[1] ?? null);
      if (a && path.startsWith('/user/')) return html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${a.name}的抖音 - 抖音</title></head><body><h1>${a.name}</h1></body></html>`);
      if (a && path === '/aweme/v1/web/aweme/post/') {
        const cursor = Number(q.get('max_cursor') ?? 0);
        const all = this.posts(a).filter((x) => cursor === 0 || unix(x.at) * 1000 < cursor);
        const list = all.slice(0, 18);
        return json({
          status_code: 0, has_more: all.length > 18 ? 1 : 0, max_cursor: list.length ? unix(list[list.length - 1].at) * 1000 : 0,
          aweme_list: list.map((x) => ({ aweme_id: x.id, desc: x.text, create_time: unix(x.at), author: { nickname: a.name, sec_uid: secUid(a) }, statistics: { comment_count: x.comments.length, digg_count: x.comments.length * 11, share_count: 0 }, item_comment_settings: a.comments === 'open' ? 0 : 3 })),
        });
      }
      if (a && path === '/aweme/v1/web/comment/list/') {
        const x = this.posts(a).find((y) => y.id === q.get('aweme_id'));
        if (x) return json({ status_code: 0, comments: x.comments.map((c) => ({ cid: c.id, text: c.text, create_time: unix(c.at), user: { nickname: c.user }, reply_comment: c.reply ? [{ text: c.reply.text, create_time: unix(c.reply.at), user: { nickname: a.name } }] : [] })), total: x.comments.length });
      }
      return json({ status_code: 2053, status_msg: '用户不存在' });
    }
    const a = find(q.get('token') ?? /^\/c\/user\/token\/(\d+)\/?$/.exec(path)?.[1] ?? null);
    if (a && path.startsWith('/c/user/token/')) return html(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${a.name} - 今日头条</title></head><body><h1>${a.name}</h1></body></html>`);
    if (a && path === '/api/pc/list/user/feed') {
      const behot = Number(q.get('max_behot_time') ?? 0);
      const all = this.posts(a).filter((x) => behot === 0 || unix(x.at) < behot);
      const list = all.slice(0, 20);
      return json({
        message: 'success', has_more: all.length > 20, next: { max_behot_time: list.length ? unix(list[list.length - 1].at) : 0 },
        data: list.map((x) => ({ item_id: x.id, group_id: x.id, title: x.title, abstract: x.text.slice(0, 60), publish_time: unix(x.at), behot_time: unix(x.at), source: x.source ?? a.name, comment_count: x.comments.length, ban_comment: a.comments === 'open' ? 0 : 1 })),
      });
    }
    if (a && path === '/article/v4/tab_comments/') {
      const x = this.posts(a).find((y) => y.id === q.get('group_id'));
      if (x) return json({ message: 'success', data: x.comments.map((c) => ({ comment: { id_str: c.id, text: c.text, create_time: unix(c.at), user_name: c.user, reply_list: c.reply ? [{ text: c.reply.text, create_time: unix(c.reply.at), user_name: a.name }] : [] } })), total_number: x.comments.length });
    }
    return json({ message: 'error', data: [] }, 200);
  }
}
