import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An event written in the same transaction as the state change it announces; OutboxRelay publishes it. */
@Entity({ name: 'outbox_message' })
@Index('UQ_outbox_message_id', ['id'], { unique: true })
@Index('IDX_outbox_message_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  /** Publication order. bigint comes back from pg as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_outbox_message' })
  seq: string;

  /** The envelope id (what idempotent consumers de-duplicate on). */
  @Column({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  headers: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}

/** One row per (consumer, event) already applied: the de-duplication record of an idempotent consumer. */
@Entity({ name: 'processed_event' })
export class ProcessedEvent {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_processed_event' })
  consumer: string;

  /** text, not uuid: the envelope contract only requires a non-empty id. */
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'PK_processed_event' })
  eventId: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt: Date;
}

export const MESSAGING_ENTITIES = [OutboxMessage, ProcessedEvent];
