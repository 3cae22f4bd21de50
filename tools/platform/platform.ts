import '@govinspect/service-kit';
import { crawlService } from '../../apps/crawl/src';
import { startGateway } from '../../apps/gateway/src';
import { interactionTestService } from '../../apps/interaction-test/src';
import { registryService } from '../../apps/registry/src';
import { reportingService } from '../../apps/reporting/src';
import { scoringService } from '../../apps/scoring/src';
import { MessageBus } from '@govinspect/messaging';
import { RunningService, ServiceDefinition, startService } from '@govinspect/service-kit';

/** The five services in start order, with their standard ports. Used by embedded mode, tests and composition. */
export const SERVICES: Array<{ def: ServiceDefinition; port: number }> = [
  { def: registryService, port: 4001 },
  { def: crawlService, port: 4002 },
  { def: scoringService, port: 4003 },
  { def: interactionTestService, port: 4004 },
  { def: reportingService, port: 4005 },
];

export interface PlatformOptions {
  bus: MessageBus;
  /** Database URL per service; defaults to `<DB_PREFIX>_<service>` on DATABASE_URL. */
  databaseUrlFor?: (service: string) => string;
  /** Use random free ports instead of the standard ones (tests running beside a developer's instance). */
  randomPorts?: boolean;
  /** Port per service name, overriding the standard ones. */
  ports?: Record<string, number>;
  gateway?: false | { port: number };
  outboxPollMs?: number;
}

export interface RunningPlatform {
  services: RunningService[];
  gatewayUrl?: string;
  close(): Promise<void>;
}

/** Runs every service (and optionally the gateway) in this process, sharing one bus. */
export async function startPlatform(opts: PlatformOptions): Promise<RunningPlatform> {
  const services: RunningService[] = [];
  let gateway: { url: string; close(): Promise<void> } | undefined;
  const close = async () => {
    await gateway?.close();
    for (const s of [...services].reverse()) await s.close();
  };
  try {
    const started = await Promise.all(
      SERVICES.map(({ def, port }) =>
        startService(def, {
          port: opts.randomPorts ? 0 : (opts.ports?.[def.name] ?? port),
          bus: opts.bus,
          databaseUrl: opts.databaseUrlFor?.(def.name),
          outboxPollMs: opts.outboxPollMs,
        }),
      ),
    );
    services.push(...started);
    if (opts.gateway) {
      gateway = await startGateway({
        port: opts.gateway.port,
        urls: Object.fromEntries(services.map((s) => [s.name, s.url])),
      });
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { services, gatewayUrl: gateway?.url, close };
}

/** POST a GraphQL operation and return `data`, throwing on transport or GraphQL errors. */
export async function graphql<T = any>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) {
    const err = new Error(body.errors.map((e) => e.message).join('; ')) as Error & { errors: unknown };
    err.errors = body.errors;
    throw err;
  }
  return body.data as T;
}
