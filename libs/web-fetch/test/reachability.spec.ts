import { createServer as createHttpsServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { Fetcher, ResolveMap } from '../src';
import { serveHttp, TestServer } from './servers';
import { testCertificates } from './tls-ca';

/** IPv4 / IPv6 / HTTPS checked separately through the resolve map (simweb's "one server, many origins"). */
describe('reachability', () => {
  const HOST = 'www.yunxi.gov.cn';
  let v4: TestServer;
  let v6: TestServer;
  let tls: Server;
  let tlsPort: number;
  let caCertPem: string;
  let map: ResolveMap;

  beforeAll(async () => {
    const certs = await testCertificates(HOST);
    caCertPem = certs.caCertPem;
    v4 = await serveHttp((q, r) => r.end(`v4 ${q.headers.host}`), '127.0.0.1');
    v6 = await serveHttp((q, r) => r.end(`v6 ${q.headers.host}`), '::1');
    tls = createHttpsServer({ key: certs.key, cert: certs.cert }, (q, r) => r.end(`tls ${q.headers.host}`));
    await new Promise<void>((res) => tls.listen(0, '127.0.0.1', res));
    tlsPort = (tls.address() as AddressInfo).port;
    map = {
      [HOST]: { ipv4: `127.0.0.1:${v4.port}`, ipv6: `[::1]:${v6.port}`, https: `127.0.0.1:${tlsPort}` },
      'zrzyj.yunxi.gov.cn': { ipv4: `127.0.0.1:${v4.port}`, ipv6: null, https: null },
    };
  });
  afterAll(async () => {
    await v4.close();
    await v6.close();
    await new Promise((r) => tls.close(r));
  });

  it('a dual-stack HTTPS site is reachable over IPv4, IPv6 and HTTPS, each on its own address', async () => {
    const f = new Fetcher({ policy: { mode: 'loopback', resolveMap: map }, caCertPem, perHostDelayMs: 0 });
    try {
      const r = await f.reachability(`http://${HOST}/index.html`);
      expect(r.ipv4).toMatchObject({ ok: true, text: `v4 ${HOST}`, remoteAddress: '127.0.0.1', url: `http://${HOST}/` });
      expect(r.ipv6).toMatchObject({ ok: true, text: `v6 ${HOST}`, remoteAddress: '::1' });
      expect(r.https).toMatchObject({ ok: true, text: `tls ${HOST}`, url: `https://${HOST}/` });
    } finally {
      await f.close();
    }
  });

  it('a site without IPv6 or HTTPS in the map reports dns for those, ok for IPv4', async () => {
    const f = new Fetcher({ policy: { mode: 'loopback', resolveMap: map }, caCertPem, perHostDelayMs: 0 });
    try {
      const r = await f.reachability('http://zrzyj.yunxi.gov.cn/');
      expect(r.ipv4).toMatchObject({ ok: true });
      expect(r.ipv6).toMatchObject({ ok: false, failure: 'dns', failureClass: 'permanent' });
      expect(r.ipv6.detail).toMatch(/no HTTP IPv6 address/);
      expect(r.https).toMatchObject({ ok: false, failure: 'dns' });
    } finally {
      await f.close();
    }
  });

  it('family forcing works on fetch too, and an untrusted certificate is tls (permanent) unless insecureTls', async () => {
    const untrusted = new Fetcher({ policy: { mode: 'loopback', resolveMap: map }, perHostDelayMs: 0, respectRobots: false });
    const insecure = new Fetcher({ policy: { mode: 'loopback', resolveMap: map }, insecureTls: true, perHostDelayMs: 0, respectRobots: false });
    try {
      await expect(untrusted.fetch(`http://${HOST}/`, { family: 'ipv6' })).resolves.toMatchObject({ ok: true, text: `v6 ${HOST}` });
      await expect(untrusted.fetch(`https://${HOST}/`)).resolves.toMatchObject({ ok: false, failure: 'tls', failureClass: 'permanent', attempts: 1 });
      await expect(insecure.fetch(`https://${HOST}/`)).resolves.toMatchObject({ ok: true, text: `tls ${HOST}` });
    } finally {
      await untrusted.close();
      await insecure.close();
    }
  });

  it('a bad URL gives bad-url for every check', async () => {
    const f = new Fetcher({ policy: { mode: 'loopback' } });
    const r = await f.reachability('mailto:xxgk@yunxi.gov.cn');
    expect([r.ipv4.failure, r.ipv6.failure, r.https.failure]).toEqual(['bad-url', 'bad-url', 'bad-url']);
    await f.close();
  });
});
