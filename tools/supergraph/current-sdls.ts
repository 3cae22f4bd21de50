import { randomBytes } from 'node:crypto';
import { createBus } from '@govinspect/messaging';
import { dropDatabase, serviceDatabaseUrl } from '@govinspect/persistence';
import { SERVICES, startPlatform } from '../platform/platform';
import { SubgraphSdl, fetchSdl } from './compose-lib';

/**
 * Code-first subgraphs only know their SDL once Nest has built the schema, so we start every service (in-process bus,
 * throw-away databases) on random ports and ask each for `_service { sdl }`.
 */
export async function currentSubgraphSdls(): Promise<SubgraphSdl[]> {
  const prefix = `gi_compose_${randomBytes(4).toString('hex')}`;
  const env = { ...process.env, DB_PREFIX: prefix };
  const dbUrl = (name: string) => serviceDatabaseUrl(name, env);
  const bus = createBus({ env: { ...env, KAFKA_BROKERS: '' }, clientId: 'compose' });
  const platform = await startPlatform({ bus, databaseUrlFor: dbUrl, randomPorts: true, gateway: false });
  try {
    return await Promise.all(
      platform.services.map(async (s) => {
        const std = SERVICES.find((x) => x.name === s.name)!;
        return { name: s.name, url: `http://127.0.0.1:${std.port}/graphql`, sdl: await fetchSdl(s.url) };
      }),
    );
  } finally {
    await platform.close();
    await bus.close();
    await Promise.all(SERVICES.map(({ name }) => dropDatabase(dbUrl(name))));
  }
}
