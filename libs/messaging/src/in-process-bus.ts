import { MessageBus, OutgoingMessage, Subscription, SubscriptionHandle, dlqTopic } from './bus';
import { BusLogger, silentLogger } from './logger';
import { InvalidBusArgument, Sleeper, deliverWithRetry, dlqHeaders, resolveRetry, validateMessages, validateSubscription } from './retry';

export interface InProcessBusOptions {
  topicPrefix?: string;
  /** Virtual partitions per topic (messages are spread by key hash; each is consumed serially). Default 3. */
  partitions?: number;
  logger?: BusLogger;
  clock?: () => Date;
}

interface Stored {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** FNV-1a: a stable key → partition mapping, so one key always lands in the same partition. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Consumes one partition of one topic for one group, one message at a time. */
class PartitionWorker {
  private running: Promise<void> | null = null;
  private stopped = false;
  constructor(
    private readonly bus: InProcessBus,
    private readonly sub: Subscription,
    private readonly fullGroup: string,
    private readonly topic: string,
    private readonly partition: number,
    private readonly offsets: number[],
    private readonly sleeper: Sleeper,
  ) {}

  wake(): void {
    if (this.running || this.stopped) return;
    this.running = this.loop()
      .catch((e) => this.bus.logger.error('in-process consumer failed', { group: this.sub.groupId, error: String(e) }))
      .finally(() => {
        this.running = null;
        if (!this.stopped && this.offsets[this.partition] < this.bus.log(this.topic)[this.partition].length) this.wake();
      });
  }

  private async loop(): Promise<void> {
    await Promise.resolve(); // never run a handler synchronously inside publish()
    const policy = resolveRetry(this.sub.retry);
    while (!this.stopped) {
      const log = this.bus.log(this.topic)[this.partition];
      const offset = this.offsets[this.partition];
      if (offset >= log.length) return;
      const m = log[offset];
      const base = { topic: this.topic, key: m.key, value: Buffer.from(m.value), headers: m.headers, partition: this.partition, offset: String(offset) };
      const outcome = await deliverWithRetry(base, this.sub.handler, policy, (ms) => this.sleeper.sleep(ms));
      if (outcome.kind === 'aborted') return;
      if (outcome.kind === 'dead') {
        this.bus.logger.warn('message dead-lettered', { topic: this.topic, group: this.sub.groupId, reason: outcome.reason });
        this.bus.append(dlqTopic(this.topic), { key: m.key, value: m.value, headers: dlqHeaders(base, outcome, this.sub.groupId, this.bus.clock()) });
      }
      this.offsets[this.partition] = offset + 1; // commit
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}

/**
 * In-memory MessageBus for embedded mode and unit tests: an append-only log per topic split into virtual partitions
 * by key, committed offsets per consumer group, the same retry / dead-letter rules as KafkaBus.
 */
export class InProcessBus implements MessageBus {
  readonly kind = 'in-process' as const;
  readonly logger: BusLogger;
  readonly clock: () => Date;
  private readonly prefix: string;
  private readonly partitions: number;
  private readonly topics = new Map<string, Stored[][]>();
  /** group → topic → next offset per partition (the committed position). */
  private readonly groups = new Map<string, Map<string, number[]>>();
  private readonly active = new Map<string, PartitionWorker[]>(); // `${group}\u0000${topic}` → workers
  private readonly handles = new Set<SubscriptionHandle>();
  private closed = false;

  constructor(options: InProcessBusOptions = {}) {
    this.prefix = options.topicPrefix ?? '';
    this.partitions = options.partitions ?? 3;
    if (!Number.isInteger(this.partitions) || this.partitions < 1) throw new InvalidBusArgument(`partitions must be a positive integer, got ${options.partitions}`);
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? (() => new Date());
  }

  /** The partitions of a logical topic (created empty on first use). */
  log(topic: string): Stored[][] {
    const full = this.prefix + topic;
    let t = this.topics.get(full);
    if (!t) {
      t = Array.from({ length: this.partitions }, () => []);
      this.topics.set(full, t);
    }
    return t;
  }

  append(topic: string, m: Stored): void {
    this.log(topic)[hashKey(m.key) % this.partitions].push(m);
    for (const [id, workers] of this.active) if (id.endsWith('\u0000' + topic)) workers.forEach((w) => w.wake());
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error('InProcessBus is closed');
    validateMessages(messages);
    for (const m of messages) {
      this.append(m.topic, { key: m.key, value: Buffer.from(m.value), headers: { ...(m.headers ?? {}) } });
    }
  }

  async subscribe(sub: Subscription): Promise<SubscriptionHandle> {
    if (this.closed) throw new Error('InProcessBus is closed');
    validateSubscription(sub);
    resolveRetry(sub.retry);
    const fullGroup = this.prefix + sub.groupId;
    for (const topic of sub.topics) {
      if (this.active.has(`${fullGroup}\u0000${topic}`))
        throw new InvalidBusArgument(`group ${sub.groupId} already has an active subscription on ${topic}`);
    }
    let groupOffsets = this.groups.get(fullGroup);
    if (!groupOffsets) this.groups.set(fullGroup, (groupOffsets = new Map()));
    const sleeper = new Sleeper();
    const mine: PartitionWorker[] = [];
    for (const topic of sub.topics) {
      this.log(topic);
      let offsets = groupOffsets.get(topic);
      // A new group starts from the earliest message, like auto.offset.reset=earliest.
      if (!offsets) groupOffsets.set(topic, (offsets = new Array(this.partitions).fill(0)));
      const workers = Array.from({ length: this.partitions }, (_, p) => new PartitionWorker(this, sub, fullGroup, topic, p, offsets!, sleeper));
      this.active.set(`${fullGroup}\u0000${topic}`, workers);
      mine.push(...workers);
    }
    mine.forEach((w) => w.wake());
    let stopping: Promise<void> | null = null;
    const handle: SubscriptionHandle = {
      stop: () =>
        (stopping ??= (async () => {
          sleeper.stop();
          for (const topic of sub.topics) this.active.delete(`${fullGroup}\u0000${topic}`);
          await Promise.all(mine.map((w) => w.stop()));
          this.handles.delete(handle);
        })()),
    };
    this.handles.add(handle);
    return handle;
  }

  async ensureTopics(topics: string[]): Promise<void> {
    for (const t of topics) this.log(t);
  }

  /** Stops every subscription; waits for handlers that are running (a pending retry is abandoned, not committed). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.handles].map((h) => h.stop()));
  }
}
