import { Fetcher, HostScheduler } from '../src';
import { serveHttp, TestServer } from './servers';

/** A server that counts requests in flight (server-side) and answers after `holdMs`. */
async function countingServer(holdMs: number) {
  const state = { active: 0, max: 0, done: [] as string[] };
  const server = await serveHttp((q, r) => {
    state.active++;
    state.max = Math.max(state.max, state.active);
    setTimeout(() => {
      state.active--;
      state.done.push(`${q.headers.host}${q.url}`);
      r.end('ok');
    }, holdMs);
  });
  return { server, state };
}

describe('politeness', () => {
  const servers: TestServer[] = [];
  afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

  it('per-host concurrency is never exceeded, while another host proceeds', async () => {
    const a = await countingServer(150);
    const b = await countingServer(20);
    servers.push(a.server, b.server);
    const f = new Fetcher({
      policy: { mode: 'loopback', resolveMap: { 'a.yunxi.gov.cn': { ipv4: `127.0.0.1:${a.server.port}` }, 'b.yunxi.gov.cn': { ipv4: `127.0.0.1:${b.server.port}` } } },
      respectRobots: false, perHostConcurrency: 2, perHostDelayMs: 0, globalConcurrency: 10,
    });
    try {
      const many = Array.from({ length: 6 }, (_, i) => f.fetch(`http://a.yunxi.gov.cn/p${i}`));
      const other = await f.fetch('http://b.yunxi.gov.cn/x');
      expect(other.ok).toBe(true);
      expect(a.state.done.length).toBeLessThan(6); // b finished while a's queue was still busy
      const results = await Promise.all(many);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(a.state.max).toBe(2);
    } finally {
      await f.close();
    }
  });

  it('the global concurrency cap holds across hosts', async () => {
    const s = await countingServer(60);
    servers.push(s.server);
    const hosts = ['a', 'b', 'c', 'd'].map((h) => `${h}.yunxi.gov.cn`);
    const f = new Fetcher({
      policy: { mode: 'loopback', resolveMap: Object.fromEntries(hosts.map((h) => [h, { ipv4: `127.0.0.1:${s.server.port}` }])) },
      respectRobots: false, perHostConcurrency: 4, perHostDelayMs: 0, globalConcurrency: 3,
    });
    try {
      const results = await Promise.all(hosts.flatMap((h) => [1, 2, 3].map((i) => f.fetch(`http://${h}/p${i}`))));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(s.state.max).toBe(3);
    } finally {
      await f.close();
    }
  });

  it('per-host delay spaces request starts to one host', async () => {
    const starts: number[] = [];
    const s = await serveHttp((_q, r) => {
      starts.push(performance.now());
      r.end('ok');
    });
    servers.push(s);
    const f = new Fetcher({ policy: { mode: 'loopback' }, respectRobots: false, perHostConcurrency: 4, perHostDelayMs: 120 });
    try {
      await Promise.all([1, 2, 3].map((i) => f.fetch(`${s.origin}/p${i}`)));
      expect(starts).toHaveLength(3);
      expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(110);
      expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(110);
    } finally {
      await f.close();
    }
  });

  it('the scheduler hands slots over in FIFO order', async () => {
    const sch = new HostScheduler(1, 0, 1);
    const order: number[] = [];
    const first = await sch.acquire('h');
    const waiting = [1, 2, 3].map((i) => sch.acquire('h').then((release) => (order.push(i), release())));
    first();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });
});
