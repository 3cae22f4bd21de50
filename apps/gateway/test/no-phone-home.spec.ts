import dns from 'node:dns';
import net from 'node:net';
import type * as GatewayModule from '../src/gateway';

/**
 * Starts the real gateway in this process while recording every outgoing TCP connection and DNS lookup:
 * without APOLLO_TELEMETRY_DISABLED, @apollo/gateway connects to cloud-metadata addresses when it loads.
 */
describe('gateway never phones home', () => {
  jest.setTimeout(60_000);
  const connections: string[] = [];
  const lookups: string[] = [];
  const originalConnect = net.Socket.prototype.connect;
  const originalLookup = dns.lookup;

  beforeAll(() => {
    delete process.env.APOLLO_TELEMETRY_DISABLED; // prove the gateway's own code sets it
    net.Socket.prototype.connect = function (this: net.Socket, ...args: any[]) {
      const opts = typeof args[0] === 'object' ? args[0] : { port: args[0], host: args[1] };
      connections.push(opts.path ? `unix:${opts.path}` : `${opts.host ?? 'localhost'}:${opts.port}`);
      return (originalConnect as any).apply(this, args);
    } as any;
    (dns as any).lookup = function (hostname: string, ...rest: any[]) {
      lookups.push(hostname);
      return (originalLookup as any).call(dns, hostname, ...rest);
    };
  });

  afterAll(() => {
    net.Socket.prototype.connect = originalConnect;
    (dns as any).lookup = originalLookup;
  });

  it('opens no connection outside loopback while starting and serving', async () => {
    // Loaded only now, after the recorders are in place.
    const { startGateway } = require('../src/gateway') as typeof GatewayModule;
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
    const gw = await startGateway({ port: 0 });
    try {
      // A query plan that reaches a (stopped) subgraph: the gateway may only try loopback.
      const res = await fetch(gw.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ sites(regionCode: "421299") { id } }' }),
      });
      expect(res.status).toBeLessThan(600);
      await new Promise((r) => setTimeout(r, 1500)); // give any deferred telemetry a chance to show itself
    } finally {
      await gw.close();
    }
    const outside = connections.filter((c) => !/^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost|unix:)/.test(c));
    expect(outside).toEqual([]);
    // Node passes IP literals through dns.lookup too; only names would be real DNS queries.
    expect(lookups.filter((h) => h !== 'localhost' && !net.isIP(h))).toEqual([]);
    expect(connections.length).toBeGreaterThan(0); // the recorder works: our own fetch went through it
  });
});
