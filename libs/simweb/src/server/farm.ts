// Host-header routing over every simulated origin: government sites, closed domains, spam landing
// pages, registration services (conac, 找错, ICP, 公安备案) and the new-media platforms.
import lexicon from '../data/lexicon.json';
import type { ScenarioModel, SiteModel } from '../model/types';
import { PLATFORM_HOSTS, PlatformSurface } from '../newmedia/platforms';
import { SERVICE_HOSTS } from '../render/footer';
import { brokenLinks, closedDomainHost } from '../render/links';
import { disruption } from './availability';
import type { Outcome, SiteRequest } from './site-handler';
import { SiteHandler } from './site-handler';
import type { SimClock } from './clock';

export const ADMIN_HOST = 'simweb.internal';

export interface FarmRequest extends SiteRequest {
  host: string;
  via: 'ipv4' | 'ipv6' | 'https';
}

export type FarmOutcome = Outcome | { kind: 'delay'; ms: number; then: Outcome };

const html = (status: number, body: string): Outcome => ({
  kind: 'response', status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(body), cacheable: true,
});

/** Small LRU of rendered responses (Map keeps insertion order). */
class Lru {
  private readonly map = new Map<string, Outcome>();
  constructor(private readonly max: number) {}
  get(k: string): Outcome | undefined {
    const v = this.map.get(k);
    if (v) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: string, v: Outcome): void {
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

export class Farm {
  readonly sites = new Map<string, SiteHandler>();
  readonly closedHosts = new Set<string>();
  readonly spamHosts = new Set<string>(lexicon.spamHosts);
  readonly serviceHosts = new Set<string>(Object.values(SERVICE_HOSTS));
  readonly platforms: PlatformSurface;
  private readonly platformHosts = new Set<string>(Object.values(PLATFORM_HOSTS));
  private readonly counters = new Map<string, number>();
  private readonly cache = new Lru(4000);

  constructor(
    readonly scenario: ScenarioModel,
    readonly clock: SimClock,
  ) {
    for (const s of scenario.sites) {
      this.sites.set(s.host, new SiteHandler(s));
      for (const l of brokenLinks(s)) if (l.kind === 'closed-domain') this.closedHosts.add(closedDomainHost(s, l.defectNo));
    }
    this.platforms = new PlatformSurface(scenario);
  }

  site(host: string): SiteModel | undefined {
    return this.sites.get(host)?.site;
  }

  /** Every host name the farm answers for (the resolve map's keys). */
  hosts(): string[] {
    return [...this.sites.keys(), ...this.closedHosts, ...this.spamHosts, ...this.serviceHosts, ...this.platformHosts];
  }

  async handle(r: FarmRequest): Promise<FarmOutcome> {
    const host = r.host.toLowerCase().replace(/:\d+$/, '');
    const h = this.sites.get(host);
    if (h) {
      const s = h.site;
      if ((r.via === 'ipv6' && !s.ipv6) || (r.via === 'https' && !s.https)) return { kind: 'reset' };
      const n = (this.counters.get(host) ?? 0) + 1;
      this.counters.set(host, n);
      const dis = disruption(s, this.clock.now(), n);
      if (dis?.kind === 'reset' || dis?.kind === 'hang') return dis;
      if (dis?.kind === 'status') return { kind: 'response', status: dis.status, headers: { 'content-type': 'text/html' }, body: Buffer.from(`<html><body><h1>${dis.status}</h1></body></html>`), cacheable: false };
      const out = await this.cached(h, host, r);
      return dis?.kind === 'slow' ? { kind: 'delay', ms: dis.ms, then: out } : out;
    }
    const path = r.path;
    if (host === ADMIN_HOST) return this.admin(r);
    if (this.closedHosts.has(host)) return html(404, '<html><head><meta charset="utf-8"><title>网站已关闭</title></head><body><p>该网站已关停整合，请访问上级政府门户网站。</p></body></html>');
    if (this.spamHosts.has(host)) return html(200, `<html><head><meta charset="utf-8"><title>${lexicon.spamKeywords.slice(4, 8).join('_')}</title></head><body><h1>${lexicon.spamKeywords[4]}</h1></body></html>`);
    if (this.serviceHosts.has(host)) return html(200, `<html><head><meta charset="utf-8"><title>${host}</title></head><body><p>${serviceText(host)}</p><p>${path}</p></body></html>`);
    const platform = this.platforms.platformOf(host);
    if (platform) {
      const p = this.platforms.handle(platform, path, r.query);
      return { kind: 'response', status: p.status, headers: { 'content-type': p.contentType }, body: Buffer.from(p.body), cacheable: false };
    }
    return { kind: 'reset' };
  }

  private async cached(h: SiteHandler, host: string, r: FarmRequest): Promise<Outcome> {
    const key = `${host}${r.path}`;
    const cacheableRequest = (r.method === 'GET' || r.method === 'HEAD') && !h.bypassCache(r.path);
    if (cacheableRequest && r.query.size === 0) {
      const hit = this.cache.get(key);
      if (hit) return hit;
    }
    const out = await h.handle(r);
    if (out.kind === 'response' && out.cacheable && cacheableRequest && r.query.size === 0) this.cache.set(key, out);
    return out;
  }

  private admin(r: FarmRequest): Outcome {
    if (r.path === '/clock' && r.method === 'POST') {
      const body = JSON.parse(r.body || '{}') as { now?: string; advanceMs?: number };
      if (body.now) this.clock.set(new Date(body.now));
      if (body.advanceMs) this.clock.advance(body.advanceMs);
    }
    if (r.path === '/clock') {
      return { kind: 'response', status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ now: this.clock.now().toISOString(), asOf: this.scenario.asOf.toISOString() })), cacheable: false };
    }
    return html(404, 'not found');
  }
}

function serviceText(host: string): string {
  if (host === SERVICE_HOSTS.conac) return '党政机关网站标识 — 网站信息查询';
  if (host === SERVICE_HOSTS.jiucuo) return '我为政府网站找错';
  if (host === SERVICE_HOSTS.miit) return 'ICP/IP地址/域名信息备案管理系统';
  return '全国互联网安全管理服务平台';
}
