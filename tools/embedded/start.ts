import '@govinspect/service-kit';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
    process.exit(code);
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
    // The crawler sees the demo sites under their own host names, connected to loopback through this map.
    env.CRAWL_RESOLVE_MAP = mapFile;
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

Press Ctrl-C to stop.`);
  } catch (e) {
    console.error('govinspect failed to start:', e);
    await shutdown(1);
  }
}

function log(message: string) {
  console.log(`[govinspect] ${message}`);
}

void main();
