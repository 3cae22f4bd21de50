import { gzipSync, brotliCompressSync, deflateSync, deflateRawSync } from 'node:zlib';
import { Fetcher } from '../src';
import { serveHttp, serveTcp, TestServer } from './servers';

const servers: TestServer[] = [];
const track = async (s: Promise<TestServer>) => {
  const t = await s;
  servers.push(t);
  return t;
};
let fetcher: Fetcher;
beforeEach(() => {
  fetcher = new Fetcher({ policy: { mode: 'loopback' }, respectRobots: false, perHostDelayMs: 0, retries: 0 });
});
afterEach(async () => {
  await fetcher.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('size and decompression caps', () => {
  const zeros = Buffer.alloc(10 * 1024 * 1024);
  it.each([
    ['gzip', 'gzip', gzipSync(zeros)],
    ['br', 'br', brotliCompressSync(zeros)],
    ['deflate', 'deflate', deflateSync(zeros)],
    ['raw deflate', 'deflate', deflateRawSync(zeros)],
  ])('a %s bomb (10 MB of zeros) stops at maxDecodedBytes as decompression-bomb', async (_name, encoding, packed) => {
    const s = await track(serveHttp((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding });
      r.end(packed);
    }));
    const r = await fetcher.fetch(`${s.origin}/`, { limits: { maxDecodedBytes: 1024 * 1024 } });
    expect(r).toMatchObject({ ok: false, status: 200, failure: 'decompression-bomb', failureClass: 'permanent', truncated: true });
    expect(r.body.length).toBeLessThanOrEqual(1024 * 1024);
    expect(packed.length).toBeLessThan(1024 * 1024); // the bomb itself is small: the raw cap alone would not catch it
  });

  it('a gzip page under the caps is decompressed', async () => {
    const s = await track(serveHttp((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      r.end(gzipSync(Buffer.from('<html>云溪市人民政府</html>')));
    }));
    const r = await fetcher.fetch(`${s.origin}/`);
    expect(r).toMatchObject({ ok: true, failure: null, text: '<html>云溪市人民政府</html>', contentType: 'text/html', charset: 'utf-8', charsetSource: 'header' });
  });

  it('a 50 MB page stops at maxBytes as too-large, streamed: the server never gets to send it all', async () => {
    let written = 0;
    const s = await track(serveHttp((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          if (!r.write(chunk)) return void r.once('drain', pump);
        }
        r.end();
      };
      r.on('close', () => r.removeAllListeners('drain'));
      pump();
    }));
    const r = await fetcher.fetch(`${s.origin}/`, { limits: { maxBytes: 2 * 1024 * 1024 } });
    expect(r).toMatchObject({ ok: false, status: 200, failure: 'too-large', failureClass: 'permanent', truncated: true });
    expect(r.body.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(r.body.length).toBeGreaterThan(1024 * 1024);
    expect(written).toBeLessThan(20 * 1024 * 1024);
  });
});

describe('time limits', () => {
  it('a body dripping one byte every 200 ms is a timeout at totalMs, within a tight tolerance', async () => {
    const s = await track(serveHttp((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => r.write('.'), 200);
      r.on('close', () => clearInterval(t));
    }));
    const t0 = performance.now();
    const r = await fetcher.fetch(`${s.origin}/`, { limits: { totalMs: 1000, firstByteMs: 500 } });
    const wall = performance.now() - t0;
    expect(r).toMatchObject({ ok: false, status: 200, failure: 'timeout', failureClass: 'transient', attempts: 1 });
    expect(r.detail).toMatch(/whole exchange exceeded 1000 ms/);
    expect(r.ms).toBeGreaterThanOrEqual(995);
    expect(r.ms).toBeLessThan(1150);
    expect(wall).toBeLessThan(1300);
  });

  it('headers never sent is a timeout at firstByteMs', async () => {
    const s = await track(serveTcp(() => undefined));
    const r = await fetcher.fetch(`${s.origin}/`, { limits: { firstByteMs: 400, totalMs: 5000 } });
    expect(r).toMatchObject({ ok: false, status: null, failure: 'timeout', failureClass: 'transient' });
    expect(r.detail).toMatch(/no response headers within 400 ms/);
    expect(r.ms).toBeGreaterThanOrEqual(395);
    expect(r.ms).toBeLessThan(600);
  });

  it('a TLS handshake that never completes is a timeout at connectMs', async () => {
    const s = await track(serveTcp(() => undefined));
    const r = await fetcher.fetch(`https://127.0.0.1:${s.port}/`, { limits: { connectMs: 300, firstByteMs: 5000, totalMs: 5000 } });
    expect(r).toMatchObject({ ok: false, failure: 'timeout', failureClass: 'transient' });
    expect(r.detail).toMatch(/connect .* exceeded 300 ms/);
    expect(r.ms).toBeGreaterThanOrEqual(295);
    expect(r.ms).toBeLessThan(600);
  });
});

describe('redirects', () => {
  it('a redirect loop is redirect-loop, with the hops recorded', async () => {
    const s = await track(serveHttp((q, r) => {
      r.writeHead(302, { location: q.url === '/' ? '/home' : '/' });
      r.end();
    }));
    const r = await fetcher.fetch(`${s.origin}/`);
    expect(r).toMatchObject({ ok: false, failure: 'redirect-loop', failureClass: 'permanent', status: 302 });
    expect(r.redirects).toEqual([
      { url: `${s.origin}/`, status: 302, location: `${s.origin}/home` },
      { url: `${s.origin}/home`, status: 302, location: `${s.origin}/` },
    ]);
  });

  it('more than maxRedirects distinct hops is too-many-redirects', async () => {
    const s = await track(serveHttp((q, r) => {
      r.writeHead(301, { location: `/p${Number(q.url!.slice(2) || 0) + 1}` });
      r.end();
    }));
    const r = await fetcher.fetch(`${s.origin}/p0`, { limits: { maxRedirects: 3 } });
    expect(r).toMatchObject({ ok: false, failure: 'too-many-redirects', failureClass: 'permanent' });
    expect(r.redirects).toHaveLength(4);
    expect(s.requests).toEqual(['/p0', '/p1', '/p2', '/p3']);
  });

  it('follows redirects to the final page and reports it', async () => {
    const s = await track(serveHttp((q, r) => {
      if (q.url === '/old') {
        r.writeHead(301, { location: '/new' });
        return r.end();
      }
      r.writeHead(200, { 'content-type': 'text/plain' });
      r.end('新页面');
    }));
    const r = await fetcher.fetch(`${s.origin}/old`);
    expect(r).toMatchObject({ ok: true, status: 200, finalUrl: `${s.origin}/new`, text: '新页面', redirects: [{ url: `${s.origin}/old`, status: 301, location: `${s.origin}/new` }] });
    expect(r.remoteAddress).toBe('127.0.0.1');
  });

  it('followRedirects: false returns the 3xx itself, not ok but no failure', async () => {
    const s = await track(serveHttp((_q, r) => {
      r.writeHead(302, { location: '/elsewhere' });
      r.end();
    }));
    const r = await fetcher.fetch(`${s.origin}/`, { followRedirects: false });
    expect(r).toMatchObject({ ok: false, status: 302, failure: null, redirects: [] });
    expect(r.headers.location).toBe('/elsewhere');
  });

  it('a redirect to a non-http scheme is bad-url', async () => {
    const s = await track(serveHttp((_q, r) => {
      r.writeHead(302, { location: 'javascript:alert(1)' });
      r.end();
    }));
    await expect(fetcher.fetch(`${s.origin}/`)).resolves.toMatchObject({ ok: false, failure: 'bad-url', failureClass: 'permanent' });
  });
});
