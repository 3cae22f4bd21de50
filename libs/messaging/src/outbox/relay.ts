import { DataSource, EntityManager } from 'typeorm';
import { MessageBus } from '../bus';
import { BusLogger, silentLogger } from '../logger';
import { errorMessage } from '../retry';

export interface OutboxRelayOptions {
  /** Pause between polls when all is well (default 500 ms). */
  pollMs?: number;
  /** Rows published per transaction (default 100). */
  batchSize?: number;
  /** Cap of the backoff after failed publishes (default 10 s). */
  maxBackoffMs?: number;
  logger?: BusLogger;
}

interface Row {
  seq: string;
  id: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string> | null;
}

/**
 * Publishes outbox rows in seq order and marks them published. Rows are locked FOR UPDATE SKIP LOCKED while they are
 * sent, so several relays never send the same row at once; a relay also skips a key whose earlier rows another relay
 * holds, so per-key order survives. If publishing fails the rows stay, with attempts and last_error updated.
 */
export class OutboxRelay {
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly maxBackoffMs: number;
  private readonly logger: BusLogger;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  /** Failed passes in a row (drives the backoff). */
  consecutiveFailures = 0;
  lastError: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    options: OutboxRelayOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 500;
    this.batchSize = options.batchSize ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.logger = options.logger ?? silentLogger;
    for (const [k, v] of Object.entries({ pollMs: this.pollMs, batchSize: this.batchSize, maxBackoffMs: this.maxBackoffMs })) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`OutboxRelay: ${k} must be a positive integer, got ${v}`);
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stop polling and wait for the pass in progress. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain;
  }

  /** Run a pass now (after any pass in progress); resolves with the number of rows published. */
  kick(): Promise<number> {
    const p = this.chain.then(() => this.pass());
    this.chain = p.catch(() => {});
    return p;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = setTimeout(async () => {
      this.timer = null;
      await this.kick();
      const delay = this.consecutiveFailures ? Math.min(this.maxBackoffMs, this.pollMs * 2 ** this.consecutiveFailures) : this.pollMs;
      this.schedule(delay);
    }, ms);
    this.timer.unref();
  }

  /** Drain: batches until nothing is left, a publish fails, or every remaining row waits on another relay. */
  private async pass(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const r = await this.dataSource.transaction((m) => this.batch(m));
        total += r.published;
        if (r.error) {
          this.consecutiveFailures++;
          this.lastError = r.error;
          this.logger.warn('outbox publish failed; rows kept for retry', { error: r.error, failures: this.consecutiveFailures });
          return total;
        }
        if (r.published === 0 || r.locked < this.batchSize) break;
      }
      this.consecutiveFailures = 0;
      this.lastError = null;
    } catch (e) {
      this.consecutiveFailures++;
      this.lastError = errorMessage(e);
      this.logger.error('outbox relay pass failed', { error: this.lastError });
    }
    return total;
  }

  private async batch(m: EntityManager): Promise<{ published: number; locked: number; error?: string }> {
    const rows: Row[] = await m.query(
      `SELECT seq, id, topic, key, value, headers FROM outbox_message
        WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [this.batchSize],
    );
    if (rows.length === 0) return { published: 0, locked: 0 };
    const seqs = rows.map((r) => r.seq);
    // A row must wait while an earlier unpublished row of its key is held by someone else.
    const blocked: { seq: string }[] = await m.query(
      `SELECT r.seq::text AS seq FROM unnest($1::bigint[], $2::text[]) AS r(seq, key)
        WHERE EXISTS (SELECT 1 FROM outbox_message o
                       WHERE o.published_at IS NULL AND o.key = r.key AND o.seq < r.seq AND o.seq <> ALL($1::bigint[]))`,
      [seqs, rows.map((r) => r.key)],
    );
    const skip = new Set(blocked.map((b) => String(b.seq)));
    const send = rows.filter((r) => !skip.has(String(r.seq)));
    if (send.length === 0) return { published: 0, locked: rows.length };
    const sendSeqs = send.map((r) => r.seq);
    try {
      await this.bus.publish(send.map((r) => ({ topic: r.topic, key: r.key, value: r.value, headers: r.headers ?? {} })));
    } catch (e) {
      const error = errorMessage(e).slice(0, 2000);
      await m.query(`UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])`, [sendSeqs, error]);
      return { published: 0, locked: rows.length, error };
    }
    await m.query(`UPDATE outbox_message SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE seq = ANY($1::bigint[])`, [sendSeqs]);
    return { published: send.length, locked: rows.length };
  }
}
