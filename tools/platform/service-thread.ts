import '@govinspect/service-kit';
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { BridgedBus } from '@govinspect/bus-bridge';
import { MessageBus } from '@govinspect/messaging';
import { RunningService, ServiceDefinition, startService } from '@govinspect/service-kit';

/** What the platform hands a service thread. */
export interface ServiceThreadData {
  service: string;
  port: number;
  busKind: MessageBus['kind'];
  busPort: MessagePort;
  databaseUrl?: string;
  outboxPollMs?: number;
}

/** Control messages between the platform and a service thread (the bus has its own channel). */
export type ThreadControl = { op: 'stop' } | { op: 'ready'; url: string } | { op: 'stopped' } | { op: 'failed'; error: string };

// Each service loads only its own app, so Nest's process-global GraphQL type registry sees one subgraph's types.
const LOADERS: Record<string, () => ServiceDefinition> = {
  registry: () => require('../../apps/registry/src').registryService,
  crawl: () => require('../../apps/crawl/src').crawlService,
  scoring: () => require('../../apps/scoring/src').scoringService,
  'interaction-test': () => require('../../apps/interaction-test/src').interactionTestService,
  reporting: () => require('../../apps/reporting/src').reportingService,
};

async function main() {
  const data = workerData as ServiceThreadData;
  const control = parentPort!;
  const bus = new BridgedBus(data.busPort, data.busKind);
  let running: RunningService | undefined;
  control.on('message', async (msg: ThreadControl) => {
    if (msg.op !== 'stop') return;
    await running?.close().catch((e) => console.error(`[${data.service}] close failed`, e));
    await bus.close();
    control.postMessage({ op: 'stopped' } satisfies ThreadControl);
  });
  try {
    const def = LOADERS[data.service]();
    running = await startService(def, { port: data.port, bus, databaseUrl: data.databaseUrl, outboxPollMs: data.outboxPollMs });
    control.postMessage({ op: 'ready', url: running.url } satisfies ThreadControl);
  } catch (e) {
    control.postMessage({ op: 'failed', error: (e as Error).stack ?? String(e) } satisfies ThreadControl);
  }
}

void main();
