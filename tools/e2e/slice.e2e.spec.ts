import { randomBytes } from 'node:crypto';
import { createBus, MessageBus } from '@govinspect/messaging';
import { dropDatabase, serviceDatabaseUrl } from '@govinspect/persistence';
import { testKafkaBrokers, uniqueTopicPrefix } from '@govinspect/testing';
import { SERVICES, graphql, RunningPlatform, startPlatform } from '../platform/platform';
import { LoopbackSites, startLoopbackSites } from './loopback-sites';

const SLICE = `query Slice($id: ID!, $region: String!) {
  site(id: $id) {
    name url siteCode
    latestProbe { ok httpStatus ms failure }
    availability { probes failures ratio }
    region { code summary { sites reachable unreachable unprobed } }
  }
  sites(regionCode: $region) { id }
}`;

const REGISTER = `mutation R($input: RegisterSiteInput!) { registerSite(input: $input) { id } }`;

/** The vertical slice through real Kafka and Postgres: registry → crawl → scoring + reporting, read via the gateway. */
describe('slice e2e (real Kafka, real Postgres)', () => {
  jest.setTimeout(120_000);
  const env = { ...process.env, DB_PREFIX: `gi_e2e_${randomBytes(4).toString('hex')}` };
  let bus: MessageBus;
  let platform: RunningPlatform;
  let sites: LoopbackSites;

  beforeAll(async () => {
    const brokers = await testKafkaBrokers();
    bus = createBus({ env: { ...env, KAFKA_BROKERS: brokers, TOPIC_PREFIX: uniqueTopicPrefix() }, clientId: 'e2e' });
    expect(bus.kind).toBe('kafka');
    sites = await startLoopbackSites();
    platform = await startPlatform({
      bus,
      databaseUrlFor: (name) => serviceDatabaseUrl(name, env),
      randomPorts: true,
      gateway: { port: 0 },
      outboxPollMs: 100,
    });
  });

  afterAll(async () => {
    await platform?.close();
    await bus?.close();
    await sites?.close();
    await Promise.all(SERVICES.map(({ name }) => dropDatabase(serviceDatabaseUrl(name, env))));
  });

  it('probes three sites and shows the same outcome in every subgraph within 30 s', async () => {
    const gw = platform.gatewayUrl!;
    const region = '421299';
    const register = async (name: string, url: string, siteCode: string) =>
      (await graphql(gw, REGISTER, { input: { name, url, siteCode, regionCode: region, kind: 'DEPARTMENT', hostUnit: `${name}办公室` } })).registerSite.id as string;
    const started = Date.now();
    const healthy = await register('云溪市教育局', sites.healthy, '4212990001');
    const failing = await register('云溪市民政局', sites.failing, '4212990002');
    const hanging = await register('云溪市水利局', sites.hanging, '4212990003');

    const read = (id: string) => graphql(gw, SLICE, { id, region });
    let last: any[] = [];
    while (Date.now() - started < 30_000) {
      last = await Promise.all([healthy, failing, hanging].map(read));
      const done = last.every((d) => d.site.latestProbe && d.site.availability.probes === 1) && last[0].site.region.summary.unprobed === 0;
      if (done) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const elapsed = Date.now() - started;
    const [h, f, n] = last.map((d) => d.site);

    expect(h.latestProbe).toEqual({ ok: true, httpStatus: 200, ms: expect.any(Number), failure: null });
    expect(f.latestProbe).toEqual({ ok: false, httpStatus: 500, ms: expect.any(Number), failure: 'http-status' });
    expect(n.latestProbe).toMatchObject({ ok: false, httpStatus: null, failure: 'timeout' });
    // W-V2 counts a probe failed when no page arrives within 15 s (inclusive).
    expect(n.latestProbe.ms).toBeGreaterThanOrEqual(15_000);

    // The scoring subgraph agrees with crawl...
    expect(h.availability).toEqual({ probes: 1, failures: 0, ratio: 0 });
    expect(f.availability).toEqual({ probes: 1, failures: 1, ratio: 1 });
    expect(n.availability).toEqual({ probes: 1, failures: 1, ratio: 1 });
    // ...and so does reporting, for the region all three belong to.
    expect(h.region).toEqual({ code: region, summary: { sites: 3, reachable: 1, unreachable: 2, unprobed: 0 } });
    expect(last[0].sites.map((s: { id: string }) => s.id).sort()).toEqual([healthy, failing, hanging].sort());
    expect(elapsed).toBeLessThan(30_000);
  });

  it('rejects bad registrations with an error naming the field, and stores nothing', async () => {
    const gw = platform.gatewayUrl!;
    const bad = async (input: Record<string, unknown>) => {
      const res = await fetch(gw, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: REGISTER, variables: { input } }),
      });
      return (await res.json()) as { data: unknown; errors: Array<{ message: string; extensions: { code: string; field?: string } }> };
    };
    const base = { name: '云溪市财政局', url: sites.healthy, siteCode: '4212990009', regionCode: '421298', kind: 'DEPARTMENT', hostUnit: '云溪市财政局' };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...base, siteCode: '12345' }, 'siteCode', 'BAD_USER_INPUT'],
      [{ ...base, siteCode: 'bm1234567' }, 'siteCode', 'BAD_USER_INPUT'],
      [{ ...base, regionCode: '42129' }, 'regionCode', 'BAD_USER_INPUT'],
      [{ ...base, url: 'not a url' }, 'url', 'BAD_USER_INPUT'],
      [{ ...base, url: 'ftp://127.0.0.1/' }, 'url', 'BAD_USER_INPUT'],
      [{ ...base, name: '  ' }, 'name', 'BAD_USER_INPUT'],
      [{ ...base, siteCode: '4212990001' }, 'siteCode', 'CONFLICT'],
    ];
    for (const [input, field, code] of cases) {
      const body = await bad(input);
      expect(body.errors[0].extensions).toMatchObject({ code, field });
      expect(body.errors[0].message).toContain(field);
    }
    const listed = await graphql(gw, `{ sites(regionCode: "421298") { id } }`);
    expect(listed.sites).toEqual([]);
  });
});
