// Rendering in real headless Chromium (/usr/bin/chromium): every browser request goes through the fetcher.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadScenario, startSimweb, type SimwebHandle } from '@govinspect/simweb';
import type { Fetcher } from '@govinspect/web-fetch';
import { crawlSite, EvidenceArchive, needsRender, Renderer, type CrawlFetcher } from '../src';
import { makeFetcher, startSite, type TestSite } from './helpers';

const UA = 'govinspect-render-test/1';
let sim: SimwebHandle;
let fetcher: Fetcher;
let renderer: Renderer;
let viaFetcher: string[];
let served: { host: string; path: string; ua: string }[];

/** Counts what the renderer asks the fetcher for. */
function counting(f: Fetcher): CrawlFetcher {
  return { fetch: (url, req) => (viaFetcher.push(url), f.fetch(url, req)), robotsAllows: (url, ua) => f.robotsAllows(url, ua) };
}

beforeAll(async () => {
  sim = await startSimweb({ scenario: loadScenario(path.resolve(__dirname, '../../simweb/scenarios/demo-city.yaml')), https: false });
  // server-side log of every request the farm answers
  const handle = sim.farm.handle.bind(sim.farm);
  sim.farm.handle = (r) => {
    served.push({ host: r.host, path: r.path, ua: String(r.headers['user-agent'] ?? '') });
    return handle(r);
  };
  fetcher = makeFetcher(sim.resolveMap, { userAgent: UA });
  viaFetcher = [];
  served = [];
  renderer = await Renderer.launch({ fetcher: counting(fetcher) });
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await fetcher?.close();
  await sim?.close();
});
beforeEach(() => {
  viaFetcher = [];
  served = [];
});

function jsFilledColumn() {
  const host = new URL(sim.urlOf('yunxi-sthjj')).hostname;
  const site = sim.farm.site(host)!;
  const col = site.columns.find((c) => c.jsFilled)!;
  return { host, col, url: `http://${host}${col.path}` };
}

describe('Renderer', () => {
  it('a jsFilled simweb column comes out filled; screenshot and axe results; no browser request bypassed the fetcher', async () => {
    const { url } = jsFilledColumn();
    const staticPage = await fetcher.fetch(url);
    expect(staticPage.text).toMatch(/<ul class="list" id="dataList"><\/ul>/);
    const routedBefore = renderer.routed;
    viaFetcher = [];
    served = [];

    const out = await renderer.render(url, { screenshot: true, axe: true });
    const items = out.html.match(/<ul class="list" id="dataList">([\s\S]*?)<\/ul>/)![1].match(/<li>/g) ?? [];
    expect(items.length).toBe(20); // a full first list page (simweb lists 20 per page)
    expect(out.html).toMatch(/<li><a href="\/xwzx\/[^"]+\/t\d{8}_\d+\.html" target="_blank">/);
    expect(out.screenshot!.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(Array.isArray(out.axe)).toBe(true);
    for (const v of out.axe!) {
      expect(v).toEqual({ id: expect.any(String), impact: v.impact, help: expect.any(String), nodes: expect.any(Number) });
      expect([null, 'minor', 'moderate', 'serious', 'critical']).toContain(v.impact);
    }

    // every request the farm saw during the render carried the fetcher's user agent, and there were exactly as many
    // as the browser routed through the fetcher
    expect(served.length).toBeGreaterThan(1); // the page and its CSS at least
    expect(served.every((s) => s.ua === UA)).toBe(true);
    const routed = renderer.routed - routedBefore;
    expect(viaFetcher.length).toBe(routed);
    expect(served.length).toBe(routed);
  }, 60_000);

  it('own server: scripts, XHR, images (also by IP literal), iframes all arrive through the fetcher only', async () => {
    const extra: TestSite = await startSite('render.test', (req, res, url) => {
      const p = url.pathname;
      if (p === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>渲染</title><link rel="stylesheet" href="/s.css"><script src="/app.js"></script></head>
<body><ul id="list"></ul><img src="/pic.gif" alt="图"><img src="http://127.0.0.1:${port}/direct.gif" alt="直连"><iframe src="/frame.html" title="f"></iframe>
<img src="http://not-in-the-map.test/x.gif" alt="无解析"><img src="/pic.gif"></body></html>`);
      }
      if (p === '/app.js') {
        res.writeHead(200, { 'content-type': 'application/javascript' });
        return res.end(`addEventListener('DOMContentLoaded', function () { fetch('/api/items').then(function (r) { return r.json(); }).then(function (xs) { var ul = document.getElementById('list'); xs.forEach(function (x) { var li = document.createElement('li'); li.textContent = x; ul.appendChild(li); }); }); });`);
      }
      if (p === '/api/items') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(['甲', '乙', '丙']));
      }
      if (p === '/s.css') {
        res.writeHead(200, { 'content-type': 'text/css' });
        return res.end('body{color:#333}');
      }
      if (p.endsWith('.gif')) {
        res.writeHead(200, { 'content-type': 'image/gif' });
        return res.end(Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'));
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>frame</p>');
    });
    const port = Number(extra.resolveMap['render.test'].ipv4!.split(':')[1]);
    const f = makeFetcher(extra.resolveMap, { userAgent: UA });
    const r = await Renderer.launch({ fetcher: counting(f) });
    try {
      const out = await r.render('http://render.test/', { axe: true });
      expect(out.html).toContain('<li>甲</li><li>乙</li><li>丙</li>');
      // the one <img> without alt text is what axe-core reports
      expect(out.axe).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'image-alt', impact: 'critical', nodes: 1 })]));
      const paths = extra.requests.map((q) => q.path).sort();
      expect(paths).toEqual(['/', '/api/items', '/app.js', '/direct.gif', '/frame.html', '/pic.gif', '/s.css'].sort());
      expect(extra.requests.every((q) => q.headers['user-agent'] === UA)).toBe(true);
      // the unmapped host was asked of the fetcher (which refused it: not in the resolve map) and never resolved by Chromium
      expect(viaFetcher).toContain('http://not-in-the-map.test/x.gif');
      expect(r.routed).toBe(viaFetcher.length);
      expect(viaFetcher.length).toBe(extra.requests.length + 1);
    } finally {
      await r.close();
      await f.close();
      await extra.close();
    }
  }, 60_000);
});

describe('crawl with rendering', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'render-evidence-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("render 'auto' renders only the jsFilled list pages, follows their script-written links, and archives screenshots", async () => {
    const { host, col, url } = jsFilledColumn();
    const archive = new EvidenceArchive({ dir });
    const budget = 120;
    const r = await crawlSite({ startUrls: [url], scopeHosts: [host], fetcher, pageBudget: budget, maxDepth: 2, renderer, render: 'auto', archive, useSitemap: false });
    const list = r.byUrl.get(url)!;
    expect(list.rendered).toBe(true);
    expect(list.html).toMatch(/id="dataList"><li>/);
    expect(r.stats.rendered).toBe(r.pages.filter((p) => p.rendered).length);
    expect(r.pages.filter((p) => p.rendered).every((p) => p.url.startsWith(url))).toBe(true); // articles are static
    // the articles only the script lists are reached
    const articles = r.pages.filter((p) => p.url.startsWith(url) && /\/t\d{8}_\d+\.html$/.test(p.url));
    expect(articles.length).toBeGreaterThanOrEqual(20);
    const shot = (await archive.get(list.screenshotId!))!;
    expect(shot.kind).toBe('screenshot');
    expect(shot.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    // without a renderer the same list looks blank and its articles stay unreachable
    const plain = await crawlSite({ startUrls: [url], scopeHosts: [host], fetcher, pageBudget: budget, maxDepth: 1, useSitemap: false });
    expect(plain.byUrl.get(url)!.rendered).toBe(false);
    expect(needsRender(plain.byUrl.get(url)!)).toBe(true);
    expect(plain.pages.filter((p) => p.url.startsWith(`http://${host}${col.path}`) && /\/t\d{8}_\d+\.html$/.test(p.url)).length).toBe(0);
    await archive.close();
  }, 120_000);
});
