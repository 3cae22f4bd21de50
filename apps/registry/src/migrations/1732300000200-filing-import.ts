import { MigrationInterface, QueryRunner } from 'typeorm';

/** The register as the two national filing systems describe it: filed accounts, richer sites, history, imports. */
export class FilingImport1732300000200 implements MigrationInterface {
  name = 'FilingImport1732300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE site DROP CONSTRAINT site_kind_check`);
    await q.query(`ALTER TABLE site ADD CONSTRAINT site_kind_check CHECK (kind IN ('portal', 'department', 'department-no-service'))`);
    await q.query(`
      ALTER TABLE site
        ADD COLUMN operating_unit text,
        ADD COLUMN icp_number text,
        ADD COLUMN psb_number text,
        ADD COLUMN subdomains text[] NOT NULL DEFAULT '{}',
        ADD COLUMN state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'closed', 'deregistered', 'migrated')),
        ADD COLUMN successor_url text`);
    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY,
        platform text NOT NULL,
        name text NOT NULL,
        account_id text NOT NULL,
        url text,
        host_unit text NOT NULL,
        operating_unit text,
        region_code char(6) NOT NULL,
        filing_status text NOT NULL CHECK (filing_status IN ('filed', 'pending')),
        filing_number text,
        opened_on date,
        content_type text NOT NULL CHECK (content_type IN ('text', 'video')),
        state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'stopped', 'deregistered')),
        stop_notice_on date,
        registered_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (platform, account_id)
      )`);
    await q.query(`CREATE INDEX account_region_code_idx ON account (region_code)`);
    await q.query(`
      CREATE TABLE registry_history (
        id bigserial PRIMARY KEY,
        entity_kind text NOT NULL CHECK (entity_kind IN ('site', 'account')),
        entity_id uuid NOT NULL,
        at timestamptz NOT NULL,
        by text NOT NULL,
        reason text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX registry_history_entity_idx ON registry_history (entity_kind, entity_id, at)`);
    // Append-only: history that can be edited is not evidence.
    await q.query(`
      CREATE FUNCTION registry_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'registry_history is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER registry_history_append_only BEFORE UPDATE OR DELETE ON registry_history
      FOR EACH ROW EXECUTE FUNCTION registry_history_append_only()`);
    await q.query(`
      CREATE TABLE filing_import (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('sites', 'accounts')),
        file_name text NOT NULL,
        file_hash text NOT NULL,
        applied_at timestamptz NOT NULL,
        by text NOT NULL,
        counts jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE filing_import`);
    await q.query(`DROP TABLE registry_history`);
    await q.query(`DROP FUNCTION registry_history_append_only()`);
    await q.query(`DROP TABLE account`);
    await q.query(`ALTER TABLE site DROP COLUMN operating_unit, DROP COLUMN icp_number, DROP COLUMN psb_number, DROP COLUMN subdomains, DROP COLUMN state, DROP COLUMN successor_url`);
    await q.query(`ALTER TABLE site DROP CONSTRAINT site_kind_check`);
    await q.query(`ALTER TABLE site ADD CONSTRAINT site_kind_check CHECK (kind IN ('portal', 'department'))`);
  }
}
