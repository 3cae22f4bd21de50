// A plain require (not `import *`): the worker's real module object, not a per-file interop copy.
import childProcess = require('node:child_process');
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

/** The exported API of tools/kafka/kafka.js (plain JavaScript, outside the TypeScript program). */
export interface KafkaBroker {
  brokers: string;
  port: number | null;
  controllerPort: number | null;
  dataDir: string | null;
  external: boolean;
  logFile?: string;
  stop(options?: { graceful?: boolean }): Promise<void>;
}
export interface KafkaStartOptions {
  port?: number;
  controllerPort?: number;
  dataDir?: string;
  useExisting?: boolean;
  heapMb?: number;
  readyTimeoutMs?: number;
  quiet?: boolean;
}

const toolPath = path.resolve(__dirname, '..', '..', '..', 'tools', 'kafka', 'kafka.js');

/** Start a broker through tools/kafka (for tests that must stop and restart their own broker). */
export function startKafka(options: KafkaStartOptions = {}): Promise<KafkaBroker> {
  const tool = require(toolPath) as { start(o: KafkaStartOptions): Promise<KafkaBroker> };
  return tool.start(options);
}

// Jest gives every test file a fresh module registry, but Node's built-in modules are shared by the whole worker
// process: keeping the broker on one makes it "once per Jest worker". The broker dies with the worker (tools/kafka
// ties the JVM to its parent's lifetime).
const WORKER_SLOT = Symbol.for('govinspect.testing.kafka');
type Slot = { [WORKER_SLOT]?: Promise<KafkaBroker> };

/** KAFKA_BROKERS if set (npm test sets it), else a broker started once for this Jest worker. */
export async function testKafkaBrokers(): Promise<string> {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  const slot = childProcess as unknown as Slot;
  if (!slot[WORKER_SLOT]) {
    slot[WORKER_SLOT] = startKafka({ useExisting: false });
    slot[WORKER_SLOT].catch(() => delete slot[WORKER_SLOT]);
  }
  return (await slot[WORKER_SLOT]).brokers;
}

/** A topic/group prefix no other test or run shares, e.g. `t-outbox-lx3k9-1a2b3c.` */
export function uniqueTopicPrefix(label = 't'): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 20);
  return `${clean}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}.`;
}
