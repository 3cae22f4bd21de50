import { Socket } from 'node:net';
import { Fetcher } from '../src';
import { serveHttp, TestServer } from './servers';

/**
 * The address guard: in public mode loopback is a guarded range. The watched server sits on 127.0.0.1 (not
 * allowlisted); the only allowlisted address is 127.0.0.2. Every test asserts the watched server saw no connection.
 */
describe('address guard (public mode)', () => {
  let watched: TestServer;
  let redirector: TestServer;
  let fetcher: Fetcher;
  let redirectTo = '';

  beforeEach(async () => {
    watched = await serveHttp((_q, r) => r.end('internal secrets'));
    redirector = await serveHttp((_q, r) => {
      r.writeHead(302, { location: redirectTo });
      r.end();
    }, '127.0.0.2');
    fetcher = new Fetcher({
      policy: {
        mode: 'public',
        allowlist: ['127.0.0.2/32'],
        resolveMap: {
          'internal.example.test': { ipv4: `127.0.0.1:${watched.port}`, ipv6: null, https: `127.0.0.1:${watched.port}` },
          'www.allowed.example.test': { ipv4: `127.0.0.2:${redirector.port}`, ipv6: null, https: null },
        },
      },
      respectRobots: false,
      perHostDelayMs: 0,
    });
  });
  afterEach(async () => {
    await fetcher.close();
    await watched.close();
    await redirector.close();
  });

  it('a resolve-map name pointing at a guarded address is refused as guarded, with no connection', async () => {
    const r = await fetcher.fetch('http://internal.example.test/');
    expect(r).toMatchObject({ ok: false, failure: 'guarded', failureClass: 'permanent', attempts: 1, status: null });
    const https = await fetcher.fetch('https://internal.example.test/');
    expect(https).toMatchObject({ ok: false, failure: 'guarded' });
    expect(watched.connections()).toBe(0);
  });

  it.each([
    ['the guarded server by IP and port', () => `${watched.origin}/`],
    ['the guarded server by a resolve-map name', () => 'http://internal.example.test/admin'],
  ])('an allowed server answering 302 → %s ends as guarded; the watched server sees zero connections', async (_name, target) => {
    redirectTo = target();
    const r = await fetcher.fetch('http://www.allowed.example.test/');
    expect(r).toMatchObject({ ok: false, failure: 'guarded', failureClass: 'permanent' });
    expect(r.redirects).toEqual([{ url: 'http://www.allowed.example.test/', status: 302, location: redirectTo }]);
    expect(redirector.connections()).toBe(1);
    expect(redirector.requests).toEqual(['/']);
    expect(watched.connections()).toBe(0);
  });

  it('with robots.txt honoured too, the guarded redirect target is never connected to', async () => {
    const polite = new Fetcher({ policy: { mode: 'public', allowlist: ['127.0.0.2/32'] }, perHostDelayMs: 0 });
    redirectTo = `${watched.origin}/`;
    try {
      await expect(polite.fetch(`${redirector.origin}/`)).resolves.toMatchObject({ failure: 'guarded' });
    } finally {
      await polite.close();
    }
    expect(redirector.requests).toEqual(['/robots.txt', '/']);
    expect(watched.connections()).toBe(0);
  });

  describe('cloud metadata addresses are refused with no socket attempted', () => {
    let connect: jest.SpyInstance;
    beforeEach(() => {
      connect = jest.spyOn(Socket.prototype, 'connect');
    });
    afterEach(() => connect.mockRestore());
    const targets = () => connect.mock.calls.map((args) => JSON.stringify(args[0]));

    it.each(['http://169.254.169.254/latest/meta-data/', 'http://100.100.100.200/latest/meta-data/', 'http://[fd00:ec2::254]/latest/meta-data/', 'https://169.254.169.254/'])(
      '%s',
      async (url) => {
        const r = await fetcher.fetch(url);
        expect(r).toMatchObject({ ok: false, failure: 'guarded', failureClass: 'permanent', attempts: 1 });
        expect(targets().filter((t) => /169\.254\.169\.254|100\.100\.100\.200|fd00:ec2/.test(t))).toEqual([]);
      },
    );

    it('a redirect to 169.254.169.254 from an allowed server is refused before any socket to it', async () => {
      redirectTo = 'http://169.254.169.254/latest/meta-data/iam/';
      const r = await fetcher.fetch('http://www.allowed.example.test/');
      expect(r).toMatchObject({ ok: false, failure: 'guarded' });
      expect(targets().some((t) => t.includes('127.0.0.2'))).toBe(true); // the spy does see real connects
      expect(targets().filter((t) => t.includes('169.254'))).toEqual([]);
    });
  });
});
