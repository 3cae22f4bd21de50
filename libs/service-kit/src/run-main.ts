import './no-phone-home';
import { createBus } from '@govinspect/messaging';
import { ServiceDefinition, startService } from './start-service';

/**
 * Entry point of a service run alone (`node -r @swc-node/register apps/<name>/src/main.ts`): port from
 * `<NAME>_PORT` or PORT, bus from KAFKA_BROKERS (in-process when unset, which only makes sense in embedded mode).
 */
export function runServiceMain(def: ServiceDefinition, defaultPort: number): void {
  const envPort = process.env[`${def.name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? process.env.PORT;
  const port = envPort ? Number(envPort) : defaultPort;
  (async () => {
    const bus = createBus({ env: process.env, clientId: def.name });
    if (bus.kind !== 'kafka') {
      console.warn(`[${def.name}] KAFKA_BROKERS is not set: using the in-process bus, which only this process sees`);
    }
    const service = await startService(def, { port, bus, host: process.env.HOST ?? '127.0.0.1', logLevels: ['log', 'error', 'warn'] });
    console.log(`[${def.name}] GraphQL subgraph at ${service.url} (bus: ${bus.kind})`);
    const stop = async () => {
      await service.close();
      await bus.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })().catch((e) => {
    console.error(`[${def.name}] failed to start:`, e);
    process.exit(1);
  });
}
