// 链接可用性: links on the homepage, links inside article bodies, and in-scope links the crawl found failing.
// Kinds: HTTP status class, timeout, unresolvable host, closed government domain (registry or closure notice),
// links to government domains absent from the registry.
import type { FindingDraft } from '../finding';
import type { FetchResult } from '../types';
import { openLimits } from '../site-view';
import type { SiteView, ViewPage } from '../site-view';

const CLOSURE = /已关停|已关闭|已停止运行|关停整合|整合迁移|已迁移|停止服务/;

interface LinkRef {
  url: string;
  text: string;
  on: ViewPage;
  region: string;
}

function kindOf(view: SiteView, url: string, r: { status: number | null; failure: string | null; text: string | null }, region: string): string | null {
  const host = new URL(url).hostname.toLowerCase();
  const closed = view.registry?.closedHosts.some((h) => h.toLowerCase() === host) ?? false;
  if (closed) return 'closed-domain';
  if (r.failure === 'dns') return 'unresolvable';
  if (r.failure === 'timeout') return 'timeout';
  if (r.status === null) return r.failure ?? 'other';
  if (r.status === 404 || r.status === 410) return CLOSURE.test(r.text ?? '') && host.endsWith('.gov.cn') ? 'closed-domain' : '404';
  if (r.status >= 500) return '500';
  if (r.status >= 400) return String(r.status);
  const scope = new Set([new URL(view.homeUrl).hostname, ...(view.site.scopeHosts ?? [])]);
  if (view.registry && host.endsWith('.gov.cn') && !scope.has(host) && region !== 'footer' && !view.registry.registeredHosts.some((h) => h.toLowerCase() === host)) return 'unregistered-domain';
  return null;
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

export async function brokenLinks(view: SiteView): Promise<FindingDraft[]> {
  const refs = new Map<string, LinkRef>();
  const add = (r: LinkRef) => {
    const key = `${r.on.url} ${r.url}`;
    if (!refs.has(key)) refs.set(key, r);
  };
  const home = view.home.analysis;
  if (home) for (const l of home.links) if (!l.hidden) add({ url: l.url, text: l.text, on: view.home, region: l.region });
  for (const p of view.pages.values()) {
    const art = p.analysis?.article;
    if (art) for (const l of art.relatedLinks) add({ url: l.url, text: l.text, on: p, region: 'body' });
  }
  // in-scope pages the crawl found failing, on the page that links them
  for (const p of view.pages.values()) {
    if (p.ok || !p.foundOn || p.status === null && p.failure === null) continue;
    const on = view.pages.get(p.foundOn);
    const link = on?.analysis?.links.find((l) => l.url === p.url && !l.hidden);
    if (on && link) add({ url: p.url, text: link.text, on, region: link.region });
  }
  // Another registered government site's homepage is judged by that site's own availability probing (W-V2), not
  // counted as a broken link of every site that links to it.
  const registered = new Set((view.registry?.registeredHosts ?? []).map((h) => h.toLowerCase()));
  const ownHost = new URL(view.homeUrl).hostname.toLowerCase();
  for (const [k, r] of refs) {
    const u = new URL(r.url);
    if (u.hostname !== ownHost && registered.has(u.hostname.toLowerCase()) && /^\/(index\.s?html?)?$/.test(u.pathname)) refs.delete(k);
  }
  const results = new Map<string, { status: number | null; failure: string | null; text: string | null }>();
  // pages the crawl fetched fine are reused; a failure seen during the crawl is confirmed by a second fetch, so a
  // transient error of a flaky site is not reported as a broken link
  const toFetch = [...new Set([...refs.values()].map((r) => r.url))].filter((u) => {
    const p = view.pages.get(u);
    if (p?.ok) {
      results.set(u, { status: p.status, failure: p.failure, text: p.analysis?.text ?? null });
      return false;
    }
    return true;
  });
  if (view.fetcher) {
    await pool(toFetch, 6, async (u) => {
      // one confirmation attempt: a link that hangs twice is broken (each attempt waits the full limit)
      const r: FetchResult = await view.fetcher!.fetch(u, { ignoreRobots: true, retries: 1, limits: openLimits(view) });
      results.set(u, { status: r.status, failure: r.failure, text: r.text?.slice(0, 4000) ?? null });
    });
  }
  const out: FindingDraft[] = [];
  for (const r of refs.values()) {
    const res = results.get(r.url);
    if (!res) continue;
    const kind = kindOf(view, r.url, res, r.region);
    if (!kind) continue;
    out.push({
      type: 'broken-link', url: r.on.url, breadcrumb: r.on === view.home ? '首页' : r.on.analysis?.breadcrumb?.join('>') || undefined,
      archiveId: r.on.archiveId, evidence: r.url, key: r.url,
      attributes: { kind, text: r.text || undefined, status: res.status ?? undefined, failure: res.failure ?? undefined },
    });
  }
  return out;
}
