import { Fetcher } from '../src';
import { serveHttp, TestServer } from './servers';

describe('robots.txt', () => {
  let s: TestServer;
  let robots: { status: number; body: string } | 'reset';
  beforeEach(async () => {
    robots = { status: 200, body: 'User-agent: *\nDisallow: /\n\nUser-agent: govinspect\nDisallow: /private\n' };
    s = await serveHttp((q, r) => {
      if (q.url === '/robots.txt') {
        if (robots === 'reset') return void r.socket?.resetAndDestroy();
        r.writeHead(robots.status, { 'content-type': 'text/plain' });
        return r.end(robots.body);
      }
      if (q.url === '/moved') {
        r.writeHead(302, { location: '/private/page' });
        return r.end();
      }
      r.end('page');
    });
  });
  afterEach(() => s.close());
  const make = (extra: Partial<ConstructorParameters<typeof Fetcher>[0]> = {}) =>
    new Fetcher({ policy: { mode: 'loopback' }, perHostDelayMs: 0, retries: 0, ...extra });

  it('a disallowed path is robots-disallowed and never requested; robots.txt is fetched once per origin', async () => {
    const f = make();
    try {
      const r = await f.fetch(`${s.origin}/private/a`);
      expect(r).toMatchObject({ ok: false, failure: 'robots-disallowed', failureClass: 'permanent', attempts: 0 });
      await expect(f.fetch(`${s.origin}/public`)).resolves.toMatchObject({ ok: true });
      await expect(f.robotsAllows(`${s.origin}/private/b`)).resolves.toBe(false);
      // Our own group applies to us, not the "*" group; another agent gets the "*" group.
      await expect(f.robotsAllows(`${s.origin}/public`, 'OtherBot/1.0')).resolves.toBe(false);
      expect(s.requests).toEqual(['/robots.txt', '/public']);
    } finally {
      await f.close();
    }
  });

  it('a redirect into a disallowed path is robots-disallowed', async () => {
    const f = make();
    try {
      await expect(f.fetch(`${s.origin}/moved`)).resolves.toMatchObject({ failure: 'robots-disallowed', redirects: [{ url: `${s.origin}/moved`, status: 302, location: `${s.origin}/private/page` }] });
      expect(s.requests).not.toContain('/private/page');
    } finally {
      await f.close();
    }
  });

  it('ignoreRobots per request and respectRobots:false per fetcher are the operator override', async () => {
    const f = make();
    const g = make({ respectRobots: false });
    try {
      await expect(f.fetch(`${s.origin}/private/a`, { ignoreRobots: true })).resolves.toMatchObject({ ok: true, failure: null });
      await expect(g.fetch(`${s.origin}/private/a`)).resolves.toMatchObject({ ok: true, failure: null });
      expect(s.requests.filter((p) => p === '/private/a')).toHaveLength(2);
      expect(s.requests.filter((p) => p === '/robots.txt')).toHaveLength(0);
    } finally {
      await f.close();
      await g.close();
    }
  });

  it.each([
    ['missing (404)', { status: 404, body: 'not found' }],
    ['erroring (500)', { status: 500, body: 'oops' }],
    ['reset', 'reset' as const],
  ])('a %s robots.txt allows all', async (_name, r) => {
    robots = r;
    const f = make();
    try {
      await expect(f.fetch(`${s.origin}/private/a`)).resolves.toMatchObject({ ok: true });
    } finally {
      await f.close();
    }
  });

  it('a Crawl-delay spaces our requests to that host (capped at 10 s)', async () => {
    robots = { status: 200, body: 'User-agent: *\nCrawl-delay: 0.3\n' };
    const starts: number[] = [];
    const t = await serveHttp((q, r) => {
      if (q.url === '/robots.txt') return r.end(robots === 'reset' ? '' : robots.body);
      starts.push(performance.now());
      r.end('page');
    });
    const f = make();
    try {
      await Promise.all([1, 2, 3].map((i) => f.fetch(`${t.origin}/p${i}`)));
      expect(starts).toHaveLength(3);
      expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(290);
      expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(290);
    } finally {
      await f.close();
      await t.close();
    }
  });
});
