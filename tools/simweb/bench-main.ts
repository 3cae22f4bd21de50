// Runs the farm in its own process (as a crawl benchmark would) and loads it with autocannon over loopback.
// Two mixes: "crawl" (homepages, list pages, articles over every site: mostly cache hits after warm-up, like a
// crawler revisiting) and "cold" (distinct article URLs far beyond the render cache: every request renders).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { exitFlushed } from '../exit-flushed';
import { parseArgs } from 'node:util';
import { generateScenario } from '@govinspect/simweb';
import { getItem } from '../../libs/simweb/src/model/items';

// autocannon ships no types; only what this script reads
interface AcRequest { method: 'GET'; path: string; headers: Record<string, string> }
interface AcResult { title: string; requests: { average: number; p50: number }; latency: { p50: number; p99: number }; throughput: { average: number }; non2xx: number; errors: number }
const autocannon = require('autocannon') as (opts: Record<string, unknown>, cb: (e: Error | null, r: AcResult) => void) => unknown;

const { values } = parseArgs({ options: { sites: { type: 'string' }, 'pages-per-site': { type: 'string' }, accounts: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' } } });
const sites = Number(values.sites ?? 1000);
const pps = Number(values['pages-per-site'] ?? 300);
const accounts = Number(values.accounts ?? 3000);
const duration = Number(values.duration ?? 20);
const connections = Number(values.connections ?? 32);
const asOf = '2024-06-28T10:00:00+08:00';

async function main() {
  const t0 = Date.now();
  const sc = generateScenario({ seed: 1, sites, pagesPerSite: pps, accounts, asOf: new Date(asOf) });
  console.log(`generated model: ${sc.sites.length} sites, ${sc.accounts.length} accounts in ${Date.now() - t0} ms`);
  const child = spawn(process.execPath, [join(__dirname, 'cli.js'), '--generate', '--seed', '1', '--sites', String(sites), '--pages-per-site', String(pps), '--accounts', String(accounts), '--as-of', asOf, '--out', '/tmp/simweb-bench'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /listening: http 127\.0\.0\.1:(\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (c) => reject(new Error(`farm exited ${c}`)));
  });
  console.log(`farm up on 127.0.0.1:${port} after ${Date.now() - t0} ms`);
  // skip sites with injected availability failures so the numbers measure serving, not simulated outages
  const healthy = sc.sites.filter((s) => !s.defects.some((d) => d.type === 'availability' || d.type.startsWith('homepage-')));
  const crawl: AcRequest[] = [];
  const cold: AcRequest[] = [];
  for (const s of healthy) {
    const req = (path: string) => ({ method: 'GET' as const, path, headers: { host: s.host } });
    crawl.push(req('/'));
    for (const c of s.columns.slice(0, 4)) {
      crawl.push(req(c.path));
      if (!c.single && c.count > 0) crawl.push(req(getItem(s, c, 0).path));
      if (!c.single) for (let i = 1; i < Math.min(c.count, 40); i += 7) cold.push(req(getItem(s, c, i).path));
    }
  }
  const run = (title: string, requests: AcRequest[], secs = duration) =>
    new Promise<AcResult>((resolve, reject) =>
      autocannon({ url: `http://127.0.0.1:${port}`, connections, pipelining: 1, duration: secs, requests, title }, (e, r) => (e ? reject(e) : resolve(r))),
    );
  const report = (r: AcResult, n: number) =>
    console.log(`${r.title}: ${n} distinct URLs, ${Math.round(r.requests.average)} req/s avg (p50 ${r.requests.p50}), latency p50 ${r.latency.p50} ms p99 ${r.latency.p99} ms, ${(r.throughput.average / 1e6).toFixed(1)} MB/s, non-2xx ${r.non2xx}, errors ${r.errors}`);
  await run('warm-up', crawl, 5).catch(() => undefined);
  report(await run('crawl mix', crawl), crawl.length);
  report(await run('cold articles', cold), cold.length);
  child.kill('SIGTERM');
}

main().catch((e) => {
  console.error(e);
  exitFlushed(1);
});
