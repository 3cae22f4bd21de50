// Headless Chromium that never opens a connection of its own: every request the page makes is intercepted and
// answered with fetcher.fetch(), so the egress guard and the resolve map apply to the browser too.
import { chromium, type Browser, type Route } from 'playwright-core';
import type { CrawlFetcher } from './types';

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}
export interface RenderOutput {
  html: string;
  screenshot: Buffer | null;
  axe: AxeViolation[] | null;
}

export class RenderError extends Error {
  constructor(
    readonly code: 'RENDER_TIMEOUT' | 'RENDER_FAILED' | 'RENDER_CLOSED',
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'RenderError';
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  // defence in depth behind the route: a request that somehow escaped interception finds no DNS and a dead proxy
  '--host-resolver-rules=MAP * ~NOTFOUND', '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>',
];
/** Request headers worth passing on; the rest (user agent, cookies of the throw-away context) are the fetcher's. */
const FORWARD = ['accept', 'accept-language', 'content-type'];
const WIRE = new Set(['content-encoding', 'transfer-encoding', 'content-length', 'connection', 'keep-alive']);

const ABORT: Record<string, string> = {
  dns: 'namenotresolved', refused: 'connectionrefused', reset: 'connectionreset', timeout: 'timedout', tls: 'failed', guarded: 'blockedbyclient',
};

export class Renderer {
  /** Requests the browser made, all answered through the fetcher (tests compare with what servers saw). */
  routed = 0;
  private closed = false;

  private constructor(
    private readonly browser: Browser,
    private readonly fetcher: CrawlFetcher,
    private readonly ignoreHTTPSErrors: boolean,
  ) {}

  /** One Chromium per Renderer; each render gets a fresh context (no cookies or cache shared between pages). */
  static async launch(opts: { fetcher: CrawlFetcher; ignoreHTTPSErrors?: boolean }): Promise<Renderer> {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    return new Renderer(browser, opts.fetcher, opts.ignoreHTTPSErrors ?? false);
  }

  private async answer(route: Route): Promise<void> {
    const req = route.request();
    const url = req.url();
    if (!/^https?:/i.test(url)) return route.abort('blockedbyclient');
    this.routed++;
    const method = req.method();
    // the fetcher speaks GET/HEAD/POST; a page under inspection needs nothing else
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return route.abort('blockedbyclient');
    const h = req.headers();
    const headers: Record<string, string> = {};
    for (const k of FORWARD) if (h[k]) headers[k] = h[k];
    let form: Record<string, string> | undefined;
    const post = req.postData();
    if (post && /x-www-form-urlencoded/i.test(h['content-type'] ?? '')) form = Object.fromEntries(new URLSearchParams(post));
    const r = await this.fetcher.fetch(url, { method, headers, form, referer: h.referer, followRedirects: false, ignoreRobots: true, retries: 0 });
    if (r.status === null) return route.abort(ABORT[r.failure ?? ''] ?? 'failed');
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) if (!WIRE.has(k.toLowerCase())) out[k] = v;
    return route.fulfill({ status: r.status, headers: out, body: r.body });
  }

  async render(url: string, opts: { screenshot?: boolean; axe?: boolean; timeoutMs?: number } = {}): Promise<RenderOutput> {
    if (this.closed) throw new RenderError('RENDER_CLOSED', url, 'renderer is closed');
    const timeout = opts.timeoutMs ?? 30_000;
    const context = await this.browser.newContext({ ignoreHTTPSErrors: this.ignoreHTTPSErrors, serviceWorkers: 'block', viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    try {
      await context.route('**/*', (route) => this.answer(route).catch(() => route.abort('failed').catch(() => undefined)));
      // WebSockets bypass HTTP interception; pages under inspection get none
      await context.routeWebSocket(/.*/, (ws) => ws.close().catch(() => undefined));
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      try {
        await page.goto(url, { waitUntil: 'load', timeout });
      } catch (e) {
        const msg = (e as Error).message;
        throw new RenderError(/Timeout/i.test(msg) ? 'RENDER_TIMEOUT' : 'RENDER_FAILED', url, msg.split('\n')[0]);
      }
      // scripts that fill lists after load (XHR) get a short quiet period; a hanging request must not block us
      await page.waitForLoadState('networkidle', { timeout: Math.min(3000, timeout) }).catch(() => undefined);
      const html = await page.content();
      const screenshot = opts.screenshot ? await page.screenshot({ fullPage: true, type: 'png' }) : null;
      let axe: AxeViolation[] | null = null;
      if (opts.axe) {
        await page.addScriptTag({ content: (require('axe-core') as { source: string }).source });
        // a string expression: this library compiles without DOM types
        axe = (await page.evaluate(
          `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.length })))`,
        )) as AxeViolation[];
      }
      return { html, screenshot, axe };
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser.close();
  }
}
