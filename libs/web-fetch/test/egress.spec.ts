import { EgressPolicy, addressPermitted, resolveConnectTarget } from '../src';

describe('egress policy', () => {
  const publicPolicy: EgressPolicy = { mode: 'public' };
  it.each(['10.1.2.3', '172.16.0.1', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1'])(
    'public mode refuses the internal address %s',
    (a) => expect(addressPermitted(a, publicPolicy)).toBe(false),
  );

  it.each(['202.96.1.1', '2400:da00::1'])('public mode permits the public address %s', (a) => expect(addressPermitted(a, publicPolicy)).toBe(true));

  it('an allowlist opens a guarded range in public mode', () => {
    expect(addressPermitted('10.1.2.3', { mode: 'public', allowlist: ['10.1.0.0/16'] })).toBe(true);
  });

  it('loopback mode permits only loopback', () => {
    expect(addressPermitted('127.0.0.9', { mode: 'loopback' })).toBe(true);
    expect(addressPermitted('::1', { mode: 'loopback' })).toBe(true);
    expect(addressPermitted('202.96.1.1', { mode: 'loopback' })).toBe(false);
  });

  it('a resolve-map entry wins, with connect-to semantics per scheme', async () => {
    const policy: EgressPolicy = { mode: 'loopback', resolveMap: { 'www.yunxi.gov.cn': { ipv4: '127.0.0.1:8080', ipv6: '[::1]:8080', https: '127.0.0.1:8443' } } };
    await expect(resolveConnectTarget('www.yunxi.gov.cn', 80, 'http:', policy)).resolves.toEqual({ address: '127.0.0.1', port: 8080 });
    await expect(resolveConnectTarget('WWW.YUNXI.GOV.CN', 443, 'https:', policy)).resolves.toEqual({ address: '127.0.0.1', port: 8443 });
  });

  it('a host without HTTPS in the map fails like an unresolvable host', async () => {
    const policy: EgressPolicy = { mode: 'loopback', resolveMap: { 'a.gov.cn': { ipv4: '127.0.0.1:1', https: null } } };
    await expect(resolveConnectTarget('a.gov.cn', 443, 'https:', policy)).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('loopback mode never queries DNS for a name outside the map', async () => {
    await expect(resolveConnectTarget('www.gov.cn', 80, 'http:', { mode: 'loopback' })).rejects.toMatchObject({ code: 'ENOTFOUND', host: 'www.gov.cn' });
  });

  it('public mode refuses a literal internal address before connecting', async () => {
    await expect(resolveConnectTarget('169.254.169.254', 80, 'http:', publicPolicy)).rejects.toMatchObject({ code: 'EGUARDED' });
  });
});
