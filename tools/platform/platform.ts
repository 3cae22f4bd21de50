import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { SUBGRAPHS, startGateway } from '../../apps/gateway/src';
import { BusHost } from '@govinspect/bus-bridge';
import { MessageBus } from '@govinspect/messaging';
import { ServiceThreadData, ThreadControl } from './service-thread';

/** The five services with their standard ports (the gateway's list of subgraphs is the one source). */
export const SERVICES = SUBGRAPHS;

export interface PlatformOptions {
  /** The bus every service shares (in-process or Kafka); each service thread reaches it through a bridge. */
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

export interface RunningServiceThread {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export interface RunningPlatform {
  services: RunningServiceThread[];
  gatewayUrl?: string;
  close(): Promise<void>;
}

const THREAD_ENTRY = join(__dirname, 'service-thread.js');

/**
 * One service in its own worker thread: its own module registry (Nest's GraphQL type metadata is process-global, so
 * two subgraphs cannot share one), its own event loop, and the shared bus through a BusHost.
 */
export async function startServiceThread(name: string, port: number, bus: MessageBus, opts: Pick<PlatformOptions, 'databaseUrlFor' | 'outboxPollMs'>): Promise<RunningServiceThread> {
  const channel = new MessageChannel();
  const host = new BusHost(channel.port1, bus);
  const data: ServiceThreadData = {
    service: name,
    port,
    busKind: bus.kind,
    busPort: channel.port2,
    databaseUrl: opts.databaseUrlFor?.(name),
    outboxPollMs: opts.outboxPollMs,
  };
  const worker = new Worker(THREAD_ENTRY, { workerData: data, transferList: [channel.port2] });
  const url = await new Promise<string>((resolve, reject) => {
    worker.on('message', (msg: ThreadControl) => {
      if (msg.op === 'ready') resolve(msg.url);
      if (msg.op === 'failed') reject(new Error(`${name} failed to start: ${msg.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${name} thread exited with code ${code} before it was ready`)));
  }).catch(async (e) => {
    await host.detach();
    await worker.terminate();
    channel.port1.close();
    throw e;
  });
  // After start, a dying thread is a platform fault: say so loudly instead of leaving a dead port behind.
  let stopping = false;
  worker.on('error', (e) => console.error(`[${name}] thread error:`, e));
  worker.on('exit', (code) => {
    if (!stopping) console.error(`[${name}] thread exited unexpectedly with code ${code}`);
  });
  return {
    name,
    url,
    stop: async () => {
      stopping = true;
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (msg: ThreadControl) => msg.op === 'stopped' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage({ op: 'stop' } satisfies ThreadControl);
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 20_000))]);
      await host.detach();
      await worker.terminate();
      channel.port1.close();
    },
  };
}

/** Runs every service (each in its own thread) and optionally the gateway, all sharing one bus. */
export async function startPlatform(opts: PlatformOptions): Promise<RunningPlatform> {
  const services: RunningServiceThread[] = [];
  let gateway: { url: string; close(): Promise<void> } | undefined;
  const close = async () => {
    await gateway?.close();
    await Promise.all(services.map((s) => s.stop()));
  };
  const settled = await Promise.allSettled(
    SERVICES.map(({ name, port }) => startServiceThread(name, opts.randomPorts ? 0 : (opts.ports?.[name] ?? port), opts.bus, opts)),
  );
  for (const s of settled) if (s.status === 'fulfilled') services.push(s.value);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  if (opts.gateway) {
    try {
      gateway = await startGateway({ port: opts.gateway.port, urls: Object.fromEntries(services.map((s) => [s.name, s.url])) });
    } catch (e) {
      await close();
      throw e;
    }
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
