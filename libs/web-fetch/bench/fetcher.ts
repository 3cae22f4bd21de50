// Throughput and memory of the Fetcher against a loopback server (never anything outside loopback).
// Throughput: many small GBK/UTF-8 pages over many hosts (resolve map → one server). Memory: a 50 MB page and a
// 100 MB gzip bomb under the default caps, with peak RSS sampled every 10 ms.
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import * as iconv from 'iconv-lite';
import { Fetcher } from '../src';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const PAGES = arg('pages', 3000);
const HOSTS = arg('hosts', 20);

const utf8Page = Buffer.from(`<html><head><meta charset="utf-8"><title>云溪市人民政府</title></head><body>${'<p>政务公开 互动交流 办事服务</p>'.repeat(600)}</body></html>`);
const gbkPage = iconv.encode(`<html><head><meta charset="gb2312"><title>云溪市人民政府</title></head><body>${'<p>政务公开 互动交流 办事服务</p>'.repeat(600)}</body></html>`, 'gbk');
const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024));
const big = Buffer.alloc(64 * 1024, 0x61);

async function main() {
  const server = createServer((q, r) => {
    if (q.url === '/big') {
      r.writeHead(200, { 'content-type': 'text/html' });
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += big.length;
          if (!r.write(big)) return void r.once('drain', pump);
        }
        r.end();
      };
      return pump();
    }
    if (q.url === '/bomb') {
      r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      return r.end(bomb);
    }
    const gbk = q.url!.endsWith('1');
    r.writeHead(200, { 'content-type': 'text/html' });
    r.end(gbk ? gbkPage : utf8Page);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as AddressInfo).port;
  const hosts = Array.from({ length: HOSTS }, (_, i) => `site${i}.yunxi.gov.cn`);
  const fetcher = new Fetcher({
    policy: { mode: 'loopback', resolveMap: Object.fromEntries(hosts.map((h) => [h, { ipv4: `127.0.0.1:${port}` }])) },
    respectRobots: false, perHostDelayMs: 0, perHostConcurrency: 2, globalConcurrency: 16,
  });

  // warm-up
  await Promise.all(hosts.map((h) => fetcher.fetch(`http://${h}/warm`)));
  const times: number[] = [];
  let bytes = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PAGES }, async (_, i) => {
      const r = await fetcher.fetch(`http://${hosts[i % HOSTS]}/p${i}`);
      times.push(r.ms);
      bytes += r.body.length;
      if (!r.ok || !r.text?.includes('政务公开')) failures++;
    }),
  );
  const wall = performance.now() - t0;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  console.log(`throughput: ${PAGES} pages over ${HOSTS} hosts in ${wall.toFixed(0)} ms = ${((PAGES / wall) * 1000).toFixed(0)} pages/s, ` +
    `${(bytes / wall / 1024).toFixed(0)} KB/ms decoded; attempt ms p50 ${pct(50)} / p99 ${pct(99)}; failures ${failures}`);

  for (const path of ['/big', '/bomb']) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const s = performance.now();
    const r = await fetcher.fetch(`http://${hosts[0]}${path}`);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`${path}: ${r.failure} in ${(performance.now() - s).toFixed(0)} ms, body ${(r.body.length / 1048576).toFixed(1)} MB, ` +
      `peak RSS +${((peak - before) / 1048576).toFixed(1)} MB (caps: maxBytes 10 MB, maxDecodedBytes 20 MB)`);
  }
  await fetcher.close();
  server.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
