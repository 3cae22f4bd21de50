import { Admin, Consumer, IHeaders, Kafka, KafkaConfig, LogEntry, Partitioners, Producer, logLevel } from 'kafkajs';
import { MessageBus, OutgoingMessage, Subscription, SubscriptionHandle, dlqTopic } from './bus';
import { BusLogger, consoleLogger } from './logger';
import { InvalidBusArgument, Sleeper, deliverWithRetry, dlqHeaders, errorMessage, resolveRetry, validateMessages, validateSubscription } from './retry';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaBusOptions {
  brokers: string | string[];
  clientId: string;
  /** Prepended to every topic and consumer group id. */
  topicPrefix?: string;
  /** Partitions for topics created by ensureTopics (default 3). */
  partitions?: number;
  /** Replication factor for created topics; -1 (default) means the broker's default.replication.factor. */
  replicationFactor?: number;
  /** Short by default so a down broker fails a publish in about a second (kafkajs defaults take ~12 s). */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  clientRetry?: { retries: number; initialRetryTime: number; maxRetryTime: number };
  /** Consumer tuning. */
  sessionTimeoutMs?: number;
  maxWaitTimeInMs?: number;
  partitionsConsumedConcurrently?: number;
  logger?: BusLogger;
  /** Which kafkajs log entries reach `logger` (default 'error'). */
  logLevel?: KafkaLogLevel;
  clock?: () => Date;
}

const LEVELS: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

function headerValues(h: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) {
    if (v === undefined) continue;
    const one = Array.isArray(v) ? v[v.length - 1] : v;
    out[k] = Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
  }
  return out;
}

/** MessageBus over Apache Kafka (kafkajs 2.2.4). */
export class KafkaBus implements MessageBus {
  readonly kind = 'kafka' as const;
  readonly topicPrefix: string;
  private readonly kafka: Kafka;
  private readonly logger: BusLogger;
  private readonly clock: () => Date;
  private readonly partitions: number;
  private readonly replicationFactor: number;
  private producer: Promise<Producer> | null = null;
  private readonly ensured = new Set<string>();
  /** ensureTopics calls run one at a time: concurrent creates of the same topic make the broker log errors. */
  private ensuring: Promise<unknown> = Promise.resolve();
  private readonly handles = new Set<SubscriptionHandle>();
  private closed = false;

  constructor(private readonly options: KafkaBusOptions) {
    const brokers = (Array.isArray(options.brokers) ? options.brokers : options.brokers.split(',')).map((b) => b.trim()).filter(Boolean);
    if (brokers.length === 0) throw new InvalidBusArgument('KafkaBus needs at least one broker (host:port)');
    if (!options.clientId) throw new InvalidBusArgument('KafkaBus needs a clientId');
    this.topicPrefix = options.topicPrefix ?? '';
    this.partitions = options.partitions ?? 3;
    this.replicationFactor = options.replicationFactor ?? -1;
    if (!Number.isInteger(this.partitions) || this.partitions < 1) throw new InvalidBusArgument(`partitions must be a positive integer, got ${options.partitions}`);
    this.logger = options.logger ?? consoleLogger(`kafka:${options.clientId}`);
    this.clock = options.clock ?? (() => new Date());
    const logger = this.logger;
    const config: KafkaConfig = {
      clientId: options.clientId,
      brokers,
      connectionTimeout: options.connectionTimeoutMs ?? 1000,
      requestTimeout: options.requestTimeoutMs ?? 5000,
      retry: options.clientRetry ?? { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
      logLevel: LEVELS[options.logLevel ?? 'error'],
      logCreator:
        () =>
        ({ level, label, log }: LogEntry) => {
          const { message, ...meta } = log;
          // We cap the idempotent producer's retries on purpose (publish must fail fast; the outbox retries).
          if (/Limiting retries for the idempotent producer/.test(message)) return;
          const text = `kafkajs ${label} [${log.logger ?? ''}] ${message}`;
          if (level <= logLevel.ERROR) logger.error(text, meta);
          else if (level === logLevel.WARN) logger.warn(text, meta);
          else if (level === logLevel.INFO) logger.info?.(text, meta);
          else logger.debug?.(text, meta);
        },
    };
    this.kafka = new Kafka(config);
  }

  private full(topic: string): string {
    return this.topicPrefix + topic;
  }

  private logical(topic: string): string {
    return this.topicPrefix && topic.startsWith(this.topicPrefix) ? topic.slice(this.topicPrefix.length) : topic;
  }

  private getProducer(): Promise<Producer> {
    if (!this.producer) {
      const p = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1, // keeps per-partition order through retries
        allowAutoTopicCreation: true,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: this.options.clientRetry ?? { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
      });
      this.producer = p.connect().then(
        () => p,
        async (e) => {
          this.producer = null;
          await p.disconnect().catch(() => {});
          throw e;
        },
      );
    }
    return this.producer;
  }

  /** A failed send may leave the producer's sequence state out of step with the broker: start over next time. */
  private async dropProducer(failed: Promise<Producer>): Promise<void> {
    if (this.producer !== failed) return;
    this.producer = null;
    const p = await failed.catch(() => null);
    await p?.disconnect().catch(() => {});
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error('KafkaBus is closed');
    validateMessages(messages);
    if (messages.length === 0) return;
    await this.sendRaw(messages.map((m) => ({ ...m, topic: this.full(m.topic) })));
  }

  private async sendRaw(messages: OutgoingMessage[]): Promise<void> {
    const byTopic = new Map<string, { key: string; value: string | Buffer; headers: Record<string, string> }[]>();
    for (const m of messages) {
      if (!byTopic.has(m.topic)) byTopic.set(m.topic, []);
      byTopic.get(m.topic)!.push({ key: m.key, value: m.value, headers: m.headers ?? {} });
    }
    const pending = this.getProducer();
    try {
      const producer = await pending;
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
    } catch (e) {
      await this.dropProducer(pending);
      throw e;
    }
  }

  ensureTopics(topics: string[]): Promise<void> {
    const run = this.ensuring.then(() => this.createMissingTopics(topics));
    this.ensuring = run.catch(() => undefined);
    return run;
  }

  private async createMissingTopics(topics: string[]): Promise<void> {
    const wanted = new Set<string>();
    for (const t of topics) {
      if (typeof t !== 'string' || !t) throw new InvalidBusArgument('ensureTopics takes non-empty topic names');
      wanted.add(this.full(t));
      if (!t.endsWith('.dlq')) wanted.add(this.full(dlqTopic(t)));
    }
    const missing = [...wanted].filter((t) => !this.ensured.has(t));
    if (missing.length === 0) return;
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const create = missing.filter((t) => !existing.has(t));
      if (create.length) {
        try {
          await admin.createTopics({
            waitForLeaders: true,
            topics: create.map((topic) => ({ topic, numPartitions: this.partitions, replicationFactor: this.replicationFactor })),
          });
        } catch (e) {
          // Another client created some of them at the same time: fine if they all exist now.
          const now = new Set(await admin.listTopics());
          if (create.some((t) => !now.has(t))) throw e;
        }
      }
      missing.forEach((t) => this.ensured.add(t));
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }

  async subscribe(sub: Subscription): Promise<SubscriptionHandle> {
    if (this.closed) throw new Error('KafkaBus is closed');
    validateSubscription(sub);
    const policy = resolveRetry(sub.retry);
    await this.ensureTopics(sub.topics);
    const sleeper = new Sleeper();
    const consumer: Consumer = this.kafka.consumer({
      groupId: this.full(sub.groupId),
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 1000,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: sub.topics.map((t) => this.full(t)), fromBeginning: true });
      await consumer.run({
        autoCommit: true,
        // kafkajs still runs each partition serially: per-key order holds.
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? this.partitions,
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          const base = {
            topic: this.logical(topic),
            key: message.key ? message.key.toString('utf8') : null,
            value: message.value,
            headers: headerValues(message.headers),
            partition,
            offset: message.offset,
          };
          // Sleep in slices so the group keeps seeing heartbeats during a long backoff.
          const wait = async (ms: number) => {
            for (let left = ms; left > 0; left -= 1000) {
              if (!(await sleeper.sleep(Math.min(1000, left)))) return false;
              await heartbeat().catch(() => {});
            }
            return true;
          };
          const outcome = await deliverWithRetry(base, sub.handler, policy, wait);
          // Throwing keeps the offset uncommitted, so the message is delivered again after the restart.
          if (outcome.kind === 'aborted') throw new Error(`consumer ${sub.groupId} stopping; ${topic}@${partition}:${message.offset} left uncommitted`);
          if (outcome.kind === 'dead') {
            this.logger.warn('message dead-lettered', { topic: base.topic, group: sub.groupId, offset: base.offset, reason: outcome.reason });
            await this.sendRaw([
              {
                topic: this.full(dlqTopic(base.topic)),
                key: base.key ?? '',
                value: message.value ?? Buffer.alloc(0),
                headers: dlqHeaders(base, outcome, sub.groupId, this.clock()),
              },
            ]);
          }
        },
      });
    } catch (e) {
      await consumer.disconnect().catch(() => {});
      throw e;
    }
    let stopping: Promise<void> | null = null;
    const handle: SubscriptionHandle = {
      stop: () =>
        (stopping ??= (async () => {
          sleeper.stop();
          this.handles.delete(handle);
          await consumer.disconnect().catch((e) => this.logger.warn('consumer disconnect failed', { error: errorMessage(e) }));
        })()),
    };
    this.handles.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.handles].map((h) => h.stop()));
    const p = this.producer;
    this.producer = null;
    if (p) await (await p.catch(() => null))?.disconnect().catch(() => {});
  }
}
