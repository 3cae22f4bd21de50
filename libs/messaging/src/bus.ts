/**
 * The messaging contract every transport honours (Kafka in production, in-process in embedded mode).
 * Services depend on this interface only, never on a concrete transport.
 *
 * Semantics both transports guarantee:
 *  - publish() resolves only once the messages are durably accepted (Kafka: acks=all, idempotent producer).
 *  - Messages with the same key on the same topic are delivered in publish order to a consumer group.
 *  - Each consumer group receives every message (at least once); a new group starts from the earliest message.
 *  - A handler that throws is retried with exponential backoff (Subscription.retry); when retries are exhausted, or
 *    when the handler throws a non-retriable error (e.g. ContractViolation), the raw message goes to the
 *    dead-letter topic `<topic>.dlq` with headers recording the reason, and consumption continues with the next message.
 *  - `topicPrefix` (per bus) is prepended to every topic name, so test runs never see each other's data.
 */
export interface OutgoingMessage {
  /** Logical topic name (contract.topic), without prefix. */
  topic: string;
  /** Partition key: the target id, so per-target order holds. */
  key: string;
  /** Serialised JSON (an EventEnvelope) or raw bytes (tests send poison this way). */
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface ReceivedMessage {
  /** Logical topic name, without prefix. */
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
  /** 1 on first delivery, incremented on each retry. */
  attempt: number;
}

export interface RetryPolicy {
  retries: number;
  initialMs: number;
  maxMs: number;
}

export interface Subscription {
  groupId: string;
  topics: string[];
  handler: (message: ReceivedMessage) => Promise<void>;
  retry?: Partial<RetryPolicy>;
}

export interface SubscriptionHandle {
  stop(): Promise<void>;
}

/** Headers set on a dead-lettered message. */
export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  classification: 'x-dlq-classification',
  group: 'x-dlq-group',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  failedAt: 'x-dlq-failed-at',
  attempts: 'x-dlq-attempts',
} as const;

export const dlqTopic = (topic: string) => `${topic}.dlq`;

/** Errors that must not be retried (bad input stays bad): they go straight to the dead-letter topic. */
export interface NonRetriable {
  readonly nonRetriable?: true;
  readonly classification?: string;
}

export interface MessageBus {
  readonly kind: 'kafka' | 'in-process';
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<SubscriptionHandle>;
  /** Make sure topics (and their .dlq) exist; Kafka creates them, in-process is a no-op. */
  ensureTopics(topics: string[]): Promise<void>;
  close(): Promise<void>;
}
