// How long analysePage takes per page and how much memory it needs: simulated pages of the three CMS
// families (fetched once from libs/simweb on loopback) and the real pages of ../shared/fixtures/real-pages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { request } from 'undici';
import { loadScenario, startSimweb } from '@govinspect/simweb';
import { analysePage, findHiddenLinks } from '../src';
import { AS_OF, SCENARIO } from '../test/simweb-scenario';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg('runs', 5);
const MAX_PAGES = arg('pages', 300);

async function simPages(): Promise<{ url: string; html: string; kind: string }[]> {
  const sim = await startSimweb({ scenario: loadScenario(SCENARIO as never), https: false, ipv6: false });
  const get = async (url: string) => {
    const u = new URL(url);
    const r = await request(`http://${sim.resolveMap[u.hostname].ipv4}${u.pathname}`, { headers: { host: u.host } });
    const body = Buffer.from(await r.body.arrayBuffer());
    const gbk = /charset=gb/i.test(String(r.headers['content-type'])) || /charset=gb/i.test(body.subarray(0, 2048).toString('latin1'));
    return gbk ? iconv.decode(body, 'gb18030') : body.toString('utf8');
  };
  const out: { url: string; html: string; kind: string }[] = [];
  try {
    const queue = sim.sites.map((s) => s.url);
    const seen = new Set(queue);
    while (queue.length && out.length < MAX_PAGES) {
      const url = queue.shift()!;
      if (/\.(docx|xlsx|pdf)$/.test(url) || /zxzx|search/.test(url)) continue;
      const html = await get(url);
      const a = analysePage(html, url, { asOf: AS_OF });
      out.push({ url, html, kind: `simweb ${a.pageKind}` });
      for (const l of a.links) if (!l.hidden && new URL(l.url).hostname === new URL(url).hostname && !seen.has(l.url)) (seen.add(l.url), queue.push(l.url));
    }
  } finally {
    await sim.close();
  }
  return out;
}

function realPages(): { url: string; html: string; kind: string }[] {
  const dir = path.resolve(__dirname, '../../../../shared/fixtures/real-pages');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => {
    const bytes = fs.readFileSync(path.join(dir, f));
    return { url: 'http://www.example.gov.cn/', html: /GBK/.test(f) ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8'), kind: 'real page' };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const pages = [...(await simPages()), ...realPages()];
  const kinds = [...new Set(pages.map((p) => p.kind))].sort();
  let peak = 0;
  const per = new Map<string, number[]>(kinds.map((k) => [k, []]));
  const totals: number[] = [];
  for (let r = 0; r < RUNS + 1; r++) {
    const t0 = process.hrtime.bigint();
    for (const p of pages) {
      const s = process.hrtime.bigint();
      analysePage(p.html, p.url, { asOf: AS_OF });
      findHiddenLinks(p.html, p.url);
      if (r > 0) per.get(p.kind)!.push(Number(process.hrtime.bigint() - s) / 1e6);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    if (r > 0) totals.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const bytes = pages.reduce((s, p) => s + p.html.length, 0);
  console.log(`pages ${pages.length} (${(bytes / 1024 / 1024).toFixed(1)} M chars), runs ${RUNS} (+1 warm-up), Node ${process.version}`);
  console.log('| pages | n | median ms/page (analysePage + findHiddenLinks) | max ms |');
  console.log('|---|---|---|---|');
  for (const k of kinds) {
    const xs = per.get(k)!;
    console.log(`| ${k} | ${xs.length / RUNS} | ${median(xs).toFixed(2)} | ${Math.max(...xs).toFixed(1)} |`);
  }
  console.log(`all pages: median ${median(totals).toFixed(0)} ms per pass → ${(pages.length / (median(totals) / 1000)).toFixed(0)} pages/s on one core; peak heapUsed ${(peak / 1024 / 1024).toFixed(0)} MB; maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
