import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, createServer as createTcpServer, Socket } from 'node:net';
import { createDispatcher, probe } from '../src';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handler: Handler | 'silent' | 'reset', host = '127.0.0.1') {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server =
    handler === 'silent' || handler === 'reset'
      ? (createTcpServer((s) => (handler === 'reset' ? s.resetAndDestroy() : undefined)) as unknown as Server)
      : createServer(handler);
  server.on('connection', (s: Socket) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/`,
    port,
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

describe('homepage probe (loopback servers)', () => {
  const dispatcher = createDispatcher({ policy: { mode: 'loopback' } });
  afterAll(() => dispatcher.close());

  it('a healthy page is ok', async () => {
    const s = await serve((_q, r) => r.end('<html>首页</html>'));
    await expect(probe(s.url, { dispatcher, timeoutMs: 2000 })).resolves.toMatchObject({ ok: true, httpStatus: 200, failure: null });
    await s.close();
  });

  it('a 500 is an http-status failure', async () => {
    const s = await serve((_q, r) => {
      r.statusCode = 500;
      r.end('oops');
    });
    await expect(probe(s.url, { dispatcher, timeoutMs: 2000 })).resolves.toMatchObject({ ok: false, httpStatus: 500, failure: 'http-status' });
    await s.close();
  });

  it('a server that never answers is a timeout at the limit, not before', async () => {
    const s = await serve('silent');
    const r = await probe(s.url, { dispatcher, timeoutMs: 700 });
    expect(r).toMatchObject({ ok: false, httpStatus: null, failure: 'timeout' });
    expect(r.ms).toBeGreaterThanOrEqual(690);
    expect(r.ms).toBeLessThan(2000);
    await s.close();
  });

  it('a body that drips past the limit is a timeout even though the status came in time', async () => {
    const s = await serve((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      r.write('<html>');
      const t = setInterval(() => r.write('.'), 100);
      r.on('close', () => clearInterval(t));
    });
    await expect(probe(s.url, { dispatcher, timeoutMs: 600 })).resolves.toMatchObject({ ok: false, failure: 'timeout', httpStatus: null });
    await s.close();
  });

  it('a refused connection and a reset are told apart', async () => {
    const s = await serve((_q, r) => r.end());
    await s.close();
    await expect(probe(s.url, { dispatcher, timeoutMs: 2000 })).resolves.toMatchObject({ ok: false, failure: 'refused' });
    const reset = await serve('reset');
    await expect(probe(reset.url, { dispatcher, timeoutMs: 2000 })).resolves.toMatchObject({ ok: false, failure: 'reset' });
    await reset.close();
  });

  it('a host the simulated web does not know is a dns failure', async () => {
    await expect(probe('http://closed-site.gov.cn/', { dispatcher, timeoutMs: 2000 })).resolves.toMatchObject({ ok: false, failure: 'dns' });
  });

  it('follows redirects, and a redirect loop ends as an http-status failure', async () => {
    const s = await serve((q, r) => {
      r.writeHead(302, { location: q.url === '/' ? '/home' : '/' });
      r.end();
    });
    await expect(probe(s.url, { dispatcher, timeoutMs: 2000, maxRedirects: 3 })).resolves.toMatchObject({ ok: false, httpStatus: 302, failure: 'http-status' });
    await s.close();
  });
});

describe('address guard', () => {
  it('never opens a connection to a guarded address, even after a redirect from a permitted site', async () => {
    // The watched server is on 127.0.0.1, which public mode guards; only 127.0.0.2 is allowlisted for this test.
    const watched = await serve((_q, r) => r.end('internal'));
    const redirector = await serve((_q, r) => {
      r.writeHead(302, { location: watched.url });
      r.end();
    }, '127.0.0.2');
    const dispatcher = createDispatcher({ policy: { mode: 'public', allowlist: ['127.0.0.2/32'] } });
    try {
      await expect(probe(watched.url, { dispatcher, timeoutMs: 2000 })).resolves.toMatchObject({ ok: false, failure: 'guarded' });
      await expect(probe(redirector.url, { dispatcher, timeoutMs: 2000 })).resolves.toMatchObject({ ok: false, failure: 'guarded' });
      expect(redirector.connections()).toBe(1);
      expect(watched.connections()).toBe(0);
    } finally {
      await dispatcher.close();
      await watched.close();
      await redirector.close();
    }
  });
});
