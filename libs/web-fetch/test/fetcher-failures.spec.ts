import { Fetcher } from '../src';
import { serveHttp, serveTcp, TestServer } from './servers';

const servers: TestServer[] = [];
const track = async (s: Promise<TestServer>) => {
  const t = await s;
  servers.push(t);
  return t;
};
const NOW = new Date('2024-06-28T02:00:00.000Z');
let fetcher: Fetcher;
beforeEach(() => {
  fetcher = new Fetcher({ policy: { mode: 'loopback' }, respectRobots: false, perHostDelayMs: 0, retries: 2, retryBaseMs: 100, now: () => NOW });
});
afterEach(async () => {
  await fetcher.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('retries and failure classes', () => {
  it('a connection reset mid-body is reset, transient, and retried until it succeeds', async () => {
    let n = 0;
    const s = await track(serveHttp((_q, r) => {
      n++;
      r.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
      if (n === 1) {
        r.write('<html>partial');
        setTimeout(() => r.socket?.resetAndDestroy(), 20);
        return;
      }
      r.end('x'.repeat(1000));
    }));
    const r = await fetcher.fetch(`${s.origin}/`);
    expect(r).toMatchObject({ ok: true, status: 200, attempts: 2, failure: null, fetchedAt: NOW.toISOString() });
    expect(s.requests).toHaveLength(2);
  });

  it('a reset on every attempt ends as reset, transient, after 1 + retries attempts', async () => {
    const s = await track(serveHttp((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
      r.write('<html>');
      setTimeout(() => r.socket?.resetAndDestroy(), 10);
    }));
    const r = await fetcher.fetch(`${s.origin}/`);
    expect(r).toMatchObject({ ok: false, failure: 'reset', failureClass: 'transient', attempts: 3 });
    expect(s.requests).toHaveLength(3);
  });

  it('a 5xx is retried with exponential backoff, then http-status transient', async () => {
    const times: number[] = [];
    const s = await track(serveHttp((_q, r) => {
      times.push(performance.now());
      r.statusCode = 503;
      r.end('busy');
    }));
    const r = await fetcher.fetch(`${s.origin}/`);
    expect(r).toMatchObject({ ok: false, status: 503, failure: 'http-status', failureClass: 'transient', attempts: 3, detail: 'HTTP 503' });
    expect(times).toHaveLength(3);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(95); // retryBaseMs
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(195); // doubled
    expect(times[2] - times[1]).toBeLessThan(600);
  });

  it('a Retry-After longer than the backoff is waited for', async () => {
    const times: number[] = [];
    const s = await track(serveHttp((_q, r) => {
      times.push(performance.now());
      r.writeHead(times.length === 1 ? 429 : 200, { 'retry-after': '1' });
      r.end('ok');
    }));
    const r = await fetcher.fetch(`${s.origin}/`);
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(990);
  });

  it('a 404 is http-status permanent and not retried', async () => {
    const s = await track(serveHttp((_q, r) => {
      r.statusCode = 404;
      r.end('not found');
    }));
    const r = await fetcher.fetch(`${s.origin}/gone`);
    expect(r).toMatchObject({ ok: false, status: 404, failure: 'http-status', failureClass: 'permanent', attempts: 1 });
    expect(s.requests).toEqual(['/gone']);
  });

  it('retries: 0 on the request overrides the fetcher default', async () => {
    const s = await track(serveHttp((_q, r) => {
      r.statusCode = 500;
      r.end();
    }));
    await expect(fetcher.fetch(`${s.origin}/`, { retries: 0 })).resolves.toMatchObject({ failure: 'http-status', attempts: 1 });
    expect(s.requests).toHaveLength(1);
  });

  it('a refused connection is refused, transient, retried', async () => {
    const s = await serveHttp((_q, r) => r.end());
    await s.close();
    await expect(fetcher.fetch(`${s.origin}/`)).resolves.toMatchObject({ ok: false, failure: 'refused', failureClass: 'transient', attempts: 3 });
  });

  it('a host outside the resolve map is dns, permanent, not retried', async () => {
    await expect(fetcher.fetch('http://closed.yunxi.gov.cn/')).resolves.toMatchObject({ ok: false, failure: 'dns', failureClass: 'permanent', attempts: 1 });
  });
});

describe('garbage from the server', () => {
  it.each([
    ['non-HTTP garbage', 'SSH-2.0-OpenSSH_8.9\r\n\r\n'],
    ['a malformed header line', 'HTTP/1.1 200 OK\r\nContent-Type text/html\r\n\r\nhello'],
    ['a bad status line', 'HTTP/1.1 abc Weird\r\n\r\n'],
  ])('%s is classified (other, permanent), never thrown', async (_name, bytes) => {
    const s = await track(serveTcp((sock) => {
      sock.on('data', () => sock.end(bytes));
      sock.on('error', () => undefined);
    }));
    const r = await fetcher.fetch(`${s.origin}/`);
    expect(r).toMatchObject({ ok: false, status: null, failure: 'other', failureClass: 'permanent', attempts: 1 });
    expect(r.detail).toBeTruthy();
  });
});

describe('bad URLs', () => {
  it.each(['javascript:void(0)', 'mailto:xxgk@yunxi.gov.cn', 'file:///etc/passwd', 'not a url', 'http://', 'ftp://a.gov.cn/x'])(
    '%s is bad-url, permanent, no throw',
    async (url) => {
      await expect(fetcher.fetch(url)).resolves.toMatchObject({ ok: false, failure: 'bad-url', failureClass: 'permanent', attempts: 0, status: null });
    },
  );
});

describe('bad limits', () => {
  it.each([{ totalMs: 0 }, { maxBytes: -1 }, { firstByteMs: Number.NaN }])('%j is classified (other), nothing is sent', async (limits) => {
    const s = await track(serveHttp((_q, r) => r.end()));
    await expect(fetcher.fetch(`${s.origin}/`, { limits })).resolves.toMatchObject({ ok: false, failure: 'other', attempts: 0 });
    expect(s.connections()).toBe(0);
  });
});

describe('request features', () => {
  it('POSTs a form, sends conditional headers, and a 304 is ok', async () => {
    const seen: Array<{ method?: string; body: string; headers: Record<string, unknown> }> = [];
    const s = await track(serveHttp((q, r) => {
      let body = '';
      q.on('data', (c) => (body += c));
      q.on('end', () => {
        seen.push({ method: q.method, body, headers: q.headers });
        if (q.headers['if-none-match'] === '"v1"') {
          r.statusCode = 304;
          return r.end();
        }
        r.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' });
        r.end('{"留言":"已受理"}');
      });
    }));
    const post = await fetcher.fetch(`${s.origin}/message`, { method: 'POST', form: { title: '网站找错', content: '链接无法打开' }, referer: `${s.origin}/` });
    expect(post).toMatchObject({ ok: true, status: 200, text: '{"留言":"已受理"}', contentType: 'application/json' });
    expect(seen[0].method).toBe('POST');
    expect(new URLSearchParams(seen[0].body).get('title')).toBe('网站找错');
    expect(seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0].headers.referer).toBe(`${s.origin}/`);
    const again = await fetcher.fetch(`${s.origin}/message`, { ifNoneMatch: post.headers.etag, ifModifiedSince: 'Fri, 28 Jun 2024 02:00:00 GMT' });
    expect(again).toMatchObject({ ok: true, status: 304, failure: null });
    expect(seen[1].headers['if-modified-since']).toBe('Fri, 28 Jun 2024 02:00:00 GMT');
  });

  it('a POST is not retried unless asked, and a 303 after it turns into a GET', async () => {
    const s = await track(serveHttp((q, r) => {
      if (q.url === '/submit') {
        r.writeHead(q.method === 'POST' ? 303 : 500, { location: '/done' });
        return r.end();
      }
      r.end(q.method);
    }));
    const r = await fetcher.fetch(`${s.origin}/submit`, { method: 'POST', form: { a: '1' } });
    expect(r).toMatchObject({ ok: true, finalUrl: `${s.origin}/done`, text: 'GET' });
    const fail = await serveHttp((_q, res) => {
      res.statusCode = 502;
      res.end();
    });
    servers.push(fail);
    await expect(fetcher.fetch(`${fail.origin}/`, { method: 'POST', form: { a: '1' } })).resolves.toMatchObject({ failure: 'http-status', attempts: 1 });
  });

  it('HEAD returns headers and an empty body', async () => {
    const s = await track(serveHttp((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html; charset=GBK', 'last-modified': 'Fri, 28 Jun 2024 02:00:00 GMT' });
      r.end();
    }));
    const r = await fetcher.fetch(`${s.origin}/`, { method: 'HEAD' });
    expect(r).toMatchObject({ ok: true, status: 200, contentType: 'text/html', text: null });
    expect(r.body.length).toBe(0);
    expect(r.headers['last-modified']).toBe('Fri, 28 Jun 2024 02:00:00 GMT');
  });
});
