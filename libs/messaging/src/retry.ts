import { ContractViolation } from '@govinspect/contracts';
import { DLQ_HEADERS, ReceivedMessage, RetryPolicy, Subscription } from './bus';

/** Defaults when a Subscription gives no retry policy: 6 attempts over about 6 s. */
export const DEFAULT_RETRY: RetryPolicy = { retries: 5, initialMs: 200, maxMs: 5000 };

export class InvalidBusArgument extends Error {
  readonly classification = 'invalid-argument';
  readonly nonRetriable = true;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidBusArgument';
  }
}

export function resolveRetry(p: Partial<RetryPolicy> | undefined): RetryPolicy {
  const r = { ...DEFAULT_RETRY, ...(p ?? {}) };
  for (const k of ['retries', 'initialMs', 'maxMs'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 0) throw new InvalidBusArgument(`retry.${k} must be a non-negative integer, got ${r[k]}`);
  }
  if (r.maxMs < r.initialMs) throw new InvalidBusArgument(`retry.maxMs (${r.maxMs}) is below retry.initialMs (${r.initialMs})`);
  return r;
}

/** Delay before attempt `failures + 1`: initialMs doubled per failure, capped at maxMs. */
export const backoffMs = (policy: RetryPolicy, failures: number) =>
  Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, failures - 1));

export function isNonRetriable(e: unknown): boolean {
  if (e instanceof ContractViolation) return true;
  const x = e as { nonRetriable?: unknown; name?: unknown } | null;
  return !!x && (x.nonRetriable === true || x.name === 'ContractViolation');
}

export function classificationOf(e: unknown): string {
  const c = (e as { classification?: unknown } | null)?.classification;
  return typeof c === 'string' && c ? c : 'handler-error';
}

export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function validateSubscription(sub: Subscription): void {
  if (!sub || typeof sub.groupId !== 'string' || !sub.groupId.trim()) throw new InvalidBusArgument('subscription.groupId must be a non-empty string');
  if (!Array.isArray(sub.topics) || sub.topics.length === 0 || sub.topics.some((t) => typeof t !== 'string' || !t))
    throw new InvalidBusArgument(`subscription.topics must be non-empty topic names (group ${sub.groupId})`);
  if (typeof sub.handler !== 'function') throw new InvalidBusArgument(`subscription.handler must be a function (group ${sub.groupId})`);
}

export type DeliveryOutcome =
  | { kind: 'done'; attempts: number }
  | { kind: 'dead'; attempts: number; reason: string; classification: string }
  | { kind: 'aborted'; attempts: number };

/**
 * Run a handler on one message until it succeeds, is non-retriable, or the retries run out.
 * `wait(ms)` sleeps between attempts and resolves false when the consumer is stopping (the message then stays
 * uncommitted and is delivered again later).
 */
export async function deliverWithRetry(
  base: Omit<ReceivedMessage, 'attempt'>,
  handler: Subscription['handler'],
  policy: RetryPolicy,
  wait: (ms: number) => Promise<boolean>,
): Promise<DeliveryOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await handler({ ...base, headers: { ...base.headers }, attempt });
      return { kind: 'done', attempts: attempt };
    } catch (e) {
      if (isNonRetriable(e) || attempt > policy.retries) {
        return { kind: 'dead', attempts: attempt, reason: errorMessage(e).slice(0, 4000), classification: classificationOf(e) };
      }
      if (!(await wait(backoffMs(policy, attempt)))) return { kind: 'aborted', attempts: attempt };
    }
  }
}

/** Headers of a dead-lettered message: the original headers plus why, where from and when. */
export function dlqHeaders(
  msg: Pick<ReceivedMessage, 'topic' | 'partition' | 'offset' | 'headers'>,
  outcome: { reason: string; classification: string; attempts: number },
  groupId: string,
  now: Date,
): Record<string, string> {
  return {
    ...msg.headers,
    [DLQ_HEADERS.reason]: outcome.reason,
    [DLQ_HEADERS.classification]: outcome.classification,
    [DLQ_HEADERS.group]: groupId,
    [DLQ_HEADERS.originalTopic]: msg.topic,
    [DLQ_HEADERS.originalPartition]: String(msg.partition),
    [DLQ_HEADERS.originalOffset]: msg.offset,
    [DLQ_HEADERS.failedAt]: now.toISOString(),
    [DLQ_HEADERS.attempts]: String(outcome.attempts),
  };
}

/** A sleep that a stop can cut short. */
export class Sleeper {
  private stopped = false;
  private pending = new Set<() => void>();
  sleep(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(t);
        this.pending.delete(cancel);
        resolve(ok);
      };
      const cancel = () => done(false);
      const t = setTimeout(() => done(true), ms);
      this.pending.add(cancel);
    });
  }
  stop(): void {
    this.stopped = true;
    for (const c of [...this.pending]) c();
  }
  get isStopped() {
    return this.stopped;
  }
}

export function validateMessages(messages: unknown): void {
  if (!Array.isArray(messages)) throw new InvalidBusArgument('publish() takes an array of messages');
  messages.forEach((m, i) => {
    if (!m || typeof m.topic !== 'string' || !m.topic) throw new InvalidBusArgument(`message ${i}: topic must be a non-empty string`);
    if (typeof m.key !== 'string' || !m.key) throw new InvalidBusArgument(`message ${i} on ${m.topic}: key must be a non-empty string (the target id)`);
    if (typeof m.value !== 'string' && !Buffer.isBuffer(m.value)) throw new InvalidBusArgument(`message ${i} on ${m.topic}: value must be a string or Buffer`);
    if (m.headers !== undefined && (typeof m.headers !== 'object' || Object.values(m.headers).some((v) => typeof v !== 'string')))
      throw new InvalidBusArgument(`message ${i} on ${m.topic}: headers must map names to strings`);
  });
}
