/**
 * Crawl benchmark: govinspect `crawlSite` vs Crawlee's `CheerioCrawler` over the same generated simweb farm.
 * The farm runs in its own process; each crawler runs in its own child process (so peak RSS / heap are its own),
 * one after the other, against the same farm. Not a test.
 *
 *   node tools/bench/crawl.js [--sites 200] [--pages 300] [--concurrency 16] [--max-seconds 120] [--seed 1] [--quick]
 *
 * --quick: 10 sites (smoke run). --max-seconds bounds each crawler's run (the whole benchmark stays under ~5 min);
 * a crawler that hits it reports "all sites done: no" and its pages/s over what it crawled.
 *
 * Equivalence: the same healthy sites (no injected outages), the same per-site budget (pages taken), the same
 * global number of requests in flight, no retries, no robots.txt / sitemap requests, attachment links skipped,
 * same-host links only, 4 keep-alive connections per host. Crawlee reaches the farm through a connect-to http.Agent
 * given to got-scraping in a preNavigationHook: it connects to the farm while URL and Host header stay the site's,
 * exactly what our fetcher's resolve map does, so both crawlers see the same origins and URLs, with no extra hop.
 * (Using the farm port as Crawlee's HTTP proxy also works, but got-scraping opens a new socket per proxied request.)
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { exitFlushed } from '../exit-flushed';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateScenario } from '@govinspect/simweb';

const { values } = parseArgs({
  options: {
    sites: { type: 'string' }, pages: { type: 'string' }, concurrency: { type: 'string' }, seed: { type: 'string' }, quick: { type: 'boolean' },
    'max-seconds': { type: 'string' },
    worker: { type: 'string' }, job: { type: 'string' },
  },
});
const AS_OF = '2024-06-28T10:00:00+08:00';
/** Attachment links: both crawlers skip them (govinspect's `attachments: false`). */
const ATTACHMENT = /\.(docx?|xlsx?|pptx?|pdf|wps|et|ofd|zip|rar|7z|txt|csv)$/i;
/** simweb article URLs (`…/YYYYMM/tYYYYMMDD_n.html`); the rest are homepages, sections and list pages. */
const ARTICLE = /\/\d{6}\/t\d{8}_\w+\.html$/;

interface Job {
  port: number;
  /** Each crawler stops after this many seconds; pages/s is then over what it did (steady state, bounded run). */
  maxSeconds: number;
  sites: { host: string; url: string }[];
  budget: number;
  concurrency: number;
}
interface WorkerResult {
  crawler: string;
  /** Every site crawled to its budget or exhaustion before maxSeconds. */
  finished: boolean;
  /** Share of article pages among those crawled: the page mix differs when a run is cut by the time limit. */
  articleShare: number;
  pages: number;
  failed: number;
  ms: number;
  maxRssMb: number;
  peakHeapMb: number;
}

/**
 * curl --connect-to for Node's http client: every connection goes to the farm, URL and Host header stay the site's
 * (what our fetcher's resolve map does). Keep-alive, 4 sockets per origin like our fetcher's perHostConcurrency.
 */
class ConnectToAgent extends http.Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: true, maxSockets: 4 });
  }
  override createConnection(): Duplex {
    return net.connect({ host: '127.0.0.1', port: this.port });
  }
}

function sampler() {
  let peak = 0;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 100);
  return { stop: () => (clearInterval(t), Math.max(peak, process.memoryUsage().heapUsed)) };
}
const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;

async function workerMine(job: Job): Promise<WorkerResult> {
  const { Fetcher } = await import('@govinspect/web-fetch');
  const { crawlSite } = await import('@govinspect/site-crawler');
  const resolveMap = Object.fromEntries(job.sites.map((s) => [s.host, { ipv4: `127.0.0.1:${job.port}`, ipv6: null, https: null }]));
  const fetcher = new Fetcher({
    policy: { mode: 'loopback', resolveMap }, perHostConcurrency: 4, perHostDelayMs: 0, globalConcurrency: job.concurrency, retries: 0,
    respectRobots: false, limits: { totalMs: 20_000, firstByteMs: 20_000 },
  });
  // `concurrency` requests in flight overall: sites crawled 4 at a time each, concurrency/4 sites at once
  const perSite = Math.min(4, job.concurrency);
  const parallelSites = Math.max(1, Math.floor(job.concurrency / perSite));
  const mem = sampler();
  const t0 = performance.now();
  let pages = 0;
  let failed = 0;
  let articles = 0;
  const queue = [...job.sites];
  const signal = AbortSignal.timeout(job.maxSeconds * 1000);
  await Promise.all(
    Array.from({ length: parallelSites }, async () => {
      for (let s = queue.shift(); s && !signal.aborted; s = queue.shift()) {
        const r = await crawlSite({ startUrls: [s.url], scopeHosts: [s.host], fetcher, pageBudget: job.budget, maxDepth: 50, concurrency: perSite, useSitemap: false, ignoreRobots: true, signal });
        pages += r.pages.length;
        failed += r.stats.failed;
        articles += r.pages.filter((p) => ARTICLE.test(p.url)).length;
      }
    }),
  );
  const ms = performance.now() - t0;
  await fetcher.close();
  return { crawler: 'govinspect crawlSite', finished: !signal.aborted, articleShare: articles / pages, pages, failed, ms, maxRssMb: mb(process.resourceUsage().maxRSS * 1024), peakHeapMb: mb(mem.stop()) };
}

async function workerCrawlee(job: Job): Promise<WorkerResult> {
  const { CheerioCrawler, Configuration, log } = require('@crawlee/cheerio') as typeof import('@crawlee/cheerio');
  log.setLevel(log.LEVELS.OFF); // failed requests are counted, not printed
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const agent = new ConnectToAgent(job.port);
  const taken = new Map<string, Set<string>>();
  const siteHosts = new Set(job.sites.map((s) => s.host));
  const handled = new Map<string, number>();
  const take = (url: string): boolean => {
    const u = new URL(url);
    u.hash = '';
    // transformRequestFunction runs before the strategy and `exclude` filters: what they drop must not count
    if (!siteHosts.has(u.hostname) || ATTACHMENT.test(u.pathname)) return false;
    let set = taken.get(u.hostname);
    if (!set) taken.set(u.hostname, (set = new Set()));
    const key = u.toString();
    if (set.has(key)) return false; // Crawlee would drop it as a duplicate too; it must not count against the budget
    if (set.size >= job.budget) return false;
    set.add(key);
    return true;
  };
  let pages = 0;
  let failed = 0;
  let articles = 0;
  const crawler = new CheerioCrawler(
    {
      preNavigationHooks: [
        (_ctx, gotOptions) => {
          gotOptions.agent = { http: agent };
        },
      ],
      minConcurrency: job.concurrency, maxConcurrency: job.concurrency, maxRequestRetries: 0, useSessionPool: false, persistCookiesPerSession: false,
      navigationTimeoutSecs: 20, requestHandlerTimeoutSecs: 60, maxRequestsPerCrawl: job.sites.length * job.budget + job.sites.length,
      async requestHandler({ request, enqueueLinks }) {
        pages++;
        if (ARTICLE.test(new URL(request.url).pathname)) articles++;
        const h = new URL(request.url).hostname;
        handled.set(h, (handled.get(h) ?? 0) + 1);
        await enqueueLinks({ strategy: 'same-hostname', exclude: [ATTACHMENT], transformRequestFunction: (r) => (take(r.url) ? r : false) });
      },
      failedRequestHandler({ request }) {
        pages++;
        if (ARTICLE.test(new URL(request.url).pathname)) articles++;
        const h = new URL(request.url).hostname;
        handled.set(h, (handled.get(h) ?? 0) + 1);
        failed++;
      },
    },
    config,
  );
  for (const s of job.sites) take(s.url);
  const mem = sampler();
  const t0 = performance.now();
  let finished = true;
  const timer = setTimeout(() => {
    finished = false;
    crawler.stop('time limit');
  }, job.maxSeconds * 1000);
  await crawler.run(job.sites.map((s) => s.url));
  clearTimeout(timer);
  const ms = performance.now() - t0;
  if (process.env.BENCH_DEBUG) console.error(job.sites.map((s) => `${s.host}=${handled.get(s.host) ?? 0}/${taken.get(s.host)?.size}`).join(' '));
  return { crawler: 'Crawlee CheerioCrawler 3.18', finished, articleShare: articles / pages, pages, failed, ms, maxRssMb: mb(process.resourceUsage().maxRSS * 1024), peakHeapMb: mb(mem.stop()) };
}

function runWorker(kind: string, jobFile: string): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'crawl.js'), '--worker', kind, '--job', jobFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const m = /^RESULT (.*)$/m.exec(out);
      if (code === 0 && m) resolve(JSON.parse(m[1]) as WorkerResult);
      else reject(new Error(`${kind} worker exited ${code}: ${out.slice(-2000)}`));
    });
  });
}

async function main(): Promise<void> {
  const sites = Number(values.sites ?? (values.quick ? 10 : 200));
  const pages = Number(values.pages ?? 300);
  const concurrency = Number(values.concurrency ?? 16);
  const seed = Number(values.seed ?? 1);
  const maxSeconds = Number(values['max-seconds'] ?? 120);
  const t0 = Date.now();
  const sc = generateScenario({ seed, sites, pagesPerSite: pages, asOf: new Date(AS_OF) });
  // injected outages (hangs, 16 s slow answers, resets) would measure timeouts, not crawling: left out, as in the simweb bench
  const healthy = sc.sites.filter((s) => !s.defects.some((d) => d.type === 'availability' || d.type.startsWith('homepage-')));
  console.log(`farm model: ${sc.sites.length} sites (${healthy.length} healthy crawled), ${pages} pages per site, seed ${seed}, in ${Date.now() - t0} ms`);
  const dir = mkdtempSync(join(tmpdir(), 'crawl-bench-'));
  const farm = spawn(process.execPath, [join(__dirname, '..', 'simweb', 'cli.js'), '--generate', '--seed', String(seed), '--sites', String(sites), '--pages-per-site', String(pages), '--as-of', AS_OF, '--out', join(dir, 'farm')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    farm.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /listening: http 127\.0\.0\.1:(\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    farm.on('exit', (c) => reject(new Error(`farm exited ${c}`)));
  });
  console.log(`farm up on 127.0.0.1:${port} (own process) after ${Date.now() - t0} ms`);
  const job: Job = { port, sites: healthy.map((s) => ({ host: s.host, url: `http://${s.host}/` })), budget: pages, concurrency, maxSeconds };
  const jobFile = join(dir, 'job.json');
  writeFileSync(jobFile, JSON.stringify(job));
  const results: WorkerResult[] = [];
  try {
    for (const kind of ['mine', 'crawlee']) {
      const r = await runWorker(kind, jobFile);
      results.push(r);
      console.log(`${r.crawler}: ${r.pages} pages in ${(r.ms / 1000).toFixed(1)} s${r.finished ? '' : ` (stopped at the ${maxSeconds} s limit)`}`);
    }
  } finally {
    farm.kill('SIGTERM');
  }
  const [a, b] = results;
  const rate = (r: WorkerResult) => r.pages / (r.ms / 1000);
  console.log(`\ncommand: node tools/bench/crawl.js --sites ${sites} --pages ${pages} --concurrency ${concurrency} --max-seconds ${maxSeconds}${values.seed ? ` --seed ${seed}` : ''}`);
  console.log(`node ${process.version}, ${healthy.length} sites × budget ${pages}, ${concurrency} requests in flight, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  console.log('| crawler | pages | failed | articles | all sites done | wall s | pages/s | peak RSS MB | peak heapUsed MB |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.crawler} | ${r.pages} | ${r.failed} | ${Math.round(r.articleShare * 100)} % | ${r.finished ? 'yes' : 'no (time limit)'} | ${(r.ms / 1000).toFixed(1)} | ${Math.round(rate(r))} | ${r.maxRssMb} | ${r.peakHeapMb} |`);
  console.log(`| ratio govinspect / Crawlee | | | | | | ${(rate(a) / rate(b)).toFixed(2)} | ${(a.maxRssMb / b.maxRssMb).toFixed(2)} | ${(a.peakHeapMb / b.peakHeapMb).toFixed(2)} |`);
}

if (values.worker) {
  const job = JSON.parse(readFileSync(values.job!, 'utf8')) as Job;
  (values.worker === 'mine' ? workerMine(job) : workerCrawlee(job))
    .then((r) => {
      console.log(`RESULT ${JSON.stringify(r)}`);
      exitFlushed(0);
    })
    .catch((e) => {
      console.error(e);
      exitFlushed(1);
    });
} else {
  main().catch((e) => {
    console.error(e);
    exitFlushed(1);
  });
}
