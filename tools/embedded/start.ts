import '@govinspect/service-kit';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitFlushed } from '../exit-flushed';
import { createBus } from '@govinspect/messaging';
import { loadScenario, startSimweb } from '@govinspect/simweb';
import { SERVICES, graphql, startPlatform } from '../platform/platform';
import { startEmbeddedPostgres } from './embedded-postgres';

const ROOT = join(__dirname, '..', '..');
const DEMO_SCENARIO = join(ROOT, 'libs', 'simweb', 'scenarios', 'demo-city.yaml');

const REGISTER = `mutation Register($input: RegisterSiteInput!) { registerSite(input: $input) { id name } }`;

/**
 * `npm start`: the whole product on one machine. Embedded PostgreSQL (unless DATABASE_URL is set), the in-process
 * bus (or Kafka when KAFKA_BROKERS is set), the simulated web of a demo city, five services and the gateway.
 */
async function main() {
  const env = process.env;
  const stops: Array<() => Promise<void>> = [];
  const shutdown = async (code: number) => {
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
    exitFlushed(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    if (!env.DATABASE_URL) {
      const db = await startEmbeddedPostgres(env.EMBEDDED_PG_DIR ?? join(ROOT, '.cache', 'embedded-pg'), Number(env.EMBEDDED_PG_PORT ?? 54329));
      env.DATABASE_URL = db.url;
      stops.push(db.stop);
      log(`embedded PostgreSQL at ${db.url.replace(/:[^:@]+@/, ':***@')}`);
    }

    const scenario = loadScenario(env.DEMO_SCENARIO ?? DEMO_SCENARIO, { asOf: env.DEMO_AS_OF ? new Date(env.DEMO_AS_OF) : undefined });
    const sim = await startSimweb({ scenario, port: Number(env.SIMWEB_PORT ?? 0) });
    stops.push(() => sim.close());
    const mapFile = join(ROOT, '.cache', 'simweb', 'resolve-map.json');
    mkdirSync(join(ROOT, '.cache', 'simweb'), { recursive: true });
    writeFileSync(mapFile, JSON.stringify(sim.resolveMap, null, 2));
    // The crawler sees the demo sites under their own host names, connected to loopback through this map, and
    // trusts the simulated web's throw-away CA for the HTTPS check.
    env.CRAWL_RESOLVE_MAP = mapFile;
    if (sim.caCertPem) {
      const caFile = join(ROOT, '.cache', 'simweb', 'ca.pem');
      writeFileSync(caFile, sim.caCertPem);
      env.CRAWL_CA_FILE = caFile;
    }
    env.CRAWL_ARCHIVE_DIR ??= join(ROOT, '.cache', 'evidence');
    log(`simulated web: ${sim.sites.length} sites of the demo scenario (resolve map ${mapFile})`);

    const bus = createBus({ env, clientId: 'govinspect-embedded' });
    stops.push(() => bus.close());
    const ports = Object.fromEntries(
      SERVICES.map(({ name, port }) => [name, Number(env[`${name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? port)]),
    );
    const platform = await startPlatform({ bus, ports, gateway: { port: Number(env.GATEWAY_PORT ?? 4000) } });
    stops.push(platform.close);
    const gatewayUrl = platform.gatewayUrl!;
    log(`services: ${platform.services.map((s) => `${s.name} ${s.url}`).join(', ')} (bus: ${bus.kind})`);

    let registered = 0;
    let firstId: string | undefined;
    for (const site of sim.sites) {
      const { name, url, siteCode, regionCode, kind, hostUnit } = site;
      try {
        const data = await graphql(gatewayUrl, REGISTER, { input: { name, url, siteCode, regionCode, kind: kind.toUpperCase(), hostUnit } });
        firstId ??= data.registerSite.id;
        registered++;
      } catch (e) {
        // A second `npm start` finds the demo sites already registered (the embedded database persists).
        if (!/已登记|already registered/.test((e as Error).message)) throw e;
      }
    }
    if (!firstId) {
      const data = await graphql(gatewayUrl, `{ sites { id } }`);
      firstId = data.sites[0]?.id;
    }
    const regionCode = sim.sites[0]?.regionCode;
    await graphql(gatewayUrl, `mutation($r: [RegionInput!]!) { upsertRegions(regions: $r) }`, {
      r: scenario.regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parent: r.parent ?? null })),
    });
    const round = env.DEMO_ROUND === 'off' ? null : await demoRound(gatewayUrl, scenario);
    const reportingUrl = platform.services.find((s) => s.name === 'reporting')!.url.replace(/\/graphql$/, '');
    console.log(`
govinspect is ready (${registered} demo sites registered now, ${sim.sites.length} in the scenario).

  GraphQL gateway:  ${gatewayUrl.replace('127.0.0.1', 'localhost')}
  Try this query (e.g. with curl, or any GraphQL client):

  {
    site(id: "${firstId}") {
      name url siteCode
      latestProbe { ok httpStatus ms failure }
      availability { probes failures ratio verdict }
      region { code summary { sites reachable } }
    }
    sites(regionCode: "${regionCode}") { name url latestProbe { ok failure } }
  }
${round ? demoRoundHelp(round, reportingUrl) : ''}
Press Ctrl-C to stop.`);
  } catch (e) {
    console.error('govinspect failed to start:', e);
    await shutdown(1);
  }
}

interface DemoRound {
  id: string;
  periodKey: string;
  regionCode: string;
  asOf: string;
  siteId: string | undefined;
}

/**
 * The demo's inspection round (检查): the demo city, its monitoring time point, the quarter it falls in. Started once
 * (a second `npm start` finds it in the persisted database), so the crawl service inspects every demo site and
 * scoring drafts their score cards while the newcomer reads the printed queries.
 */
async function demoRound(gatewayUrl: string, scenario: ReturnType<typeof loadScenario>): Promise<DemoRound | null> {
  const city = scenario.regions.find((r) => r.level === 'city') ?? scenario.regions[0];
  if (!city) return null;
  const asOf = isoCst(scenario.asOf);
  const period = quarterOf(scenario.asOf);
  const existing = await graphql(gatewayUrl, `query($r: String) { rounds(regionCode: $r) { id state period { key } } }`, { r: city.code });
  let id: string | undefined = existing.rounds.find((r: any) => r.period.key === period.key)?.id;
  if (!id) {
    const created = await graphql(gatewayUrl, `mutation($i: CreateRoundInput!) { createRound(input: $i) { id } }`, {
      i: { name: `${period.label}全市政府网站与政务新媒体检查`, office: `${city.name}人民政府办公室`, regionCode: city.code, asOf, period: period.ref },
    });
    id = created.createRound.id as string;
    await graphql(gatewayUrl, `mutation($id: ID!) { startRound(id: $id) { state } }`, { id });
    log(`demo round ${id}: inspecting every site of ${city.name} as of ${asOf}`);
  }
  const sites = await graphql(gatewayUrl, `query($r: String!) { sites(regionCode: $r) { id } }`, { r: city.code });
  return { id, periodKey: period.key, regionCode: city.code, asOf, siteId: sites.sites[0]?.id };
}

function demoRoundHelp(r: DemoRound, reportingUrl: string): string {
  return `
  The demo inspection round is running (the crawl service inspects every demo site, two at a time: about ten minutes on 2 cores):

  { round(id: "${r.id}") { state stateLabel targetCount summary { sitesChecked sitesPassed } } }
  { site(id: "${r.siteId}") { name columns { name breadcrumb columnClass lastUpdated blank stale }
      findings { type breadcrumb evidence evidenceUrl } scoreCard(periodKey: "${r.periodKey}") { result finalScore annex { problems score } } } }
  { rankings(regionCode: "${r.regionCode}", periodKey: "${r.periodKey}", group: "city-department") { rank targetName finalScore } }

  Publish the reviewed cards, then the bulletin (通报):
  mutation { publishScoreCards(regionCode: "${r.regionCode}", periodKey: "${r.periodKey}", by: "演示", includeDrafts: true) { cardId } }
  mutation { publishRound(id: "${r.id}", publishDate: "${r.asOf.slice(0, 10)}", by: "演示") { state bulletinUrl } }

  Bulletin preview while it is still a draft: ${reportingUrl}/bulletins/${r.id}.docx?publishDate=${r.asOf.slice(0, 10)}
`;
}

/** An instant as China time with its offset, e.g. 2024-06-28T10:00:00+08:00. */
function isoCst(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** The calendar quarter (China time) an instant falls in: 2024Q2, 2024-04-01 00:00 to 2024-06-30 23:59:59 CST. */
function quarterOf(d: Date): { key: string; label: string; ref: { key: string; kind: 'quarter'; from: string; to: string } } {
  const cst = new Date(d.getTime() + 8 * 3600_000);
  const y = cst.getUTCFullYear();
  const q = Math.floor(cst.getUTCMonth() / 3);
  const from = new Date(Date.UTC(y, q * 3, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(y, q * 3 + 3, 1) - 8 * 3600_000 - 1000);
  const key = `${y}Q${q + 1}`;
  const label = `${y}年第${'一二三四'[q]}季度`;
  return { key, label, ref: { key, kind: 'quarter', from: isoCst(from), to: isoCst(to) } };
}

function log(message: string) {
  console.log(`[govinspect] ${message}`);
}

void main();
