import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates outbox_message and processed_event; services add it to their own migration list. */
export class MessagingTables1732300000000 implements MigrationInterface {
  name = 'MessagingTables1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS "outbox_message" (
      "seq" bigserial NOT NULL,
      "id" uuid NOT NULL,
      "topic" text NOT NULL,
      "key" text NOT NULL,
      "value" text NOT NULL,
      "headers" jsonb NOT NULL DEFAULT '{}',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz,
      "attempts" integer NOT NULL DEFAULT 0,
      "last_error" text,
      CONSTRAINT "PK_outbox_message" PRIMARY KEY ("seq"))`);
    await q.query(`CREATE UNIQUE INDEX IF NOT EXISTS "UQ_outbox_message_id" ON "outbox_message" ("id")`);
    // The relay only ever scans unpublished rows in seq order.
    await q.query(`CREATE INDEX IF NOT EXISTS "IDX_outbox_message_unpublished" ON "outbox_message" ("seq") WHERE published_at IS NULL`);
    await q.query(`CREATE TABLE IF NOT EXISTS "processed_event" (
      "consumer" text NOT NULL,
      "event_id" text NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_processed_event" PRIMARY KEY ("consumer", "event_id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "processed_event"`);
    await q.query(`DROP TABLE IF EXISTS "outbox_message"`);
  }
}
