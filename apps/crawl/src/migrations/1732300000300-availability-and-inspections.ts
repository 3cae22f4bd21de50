import { MigrationInterface, QueryRunner } from 'typeorm';

/** W-V2 probe slots and windows; inspections and their per-site jobs; crawled pages; column inventory; corrections. */
export class AvailabilityAndInspections1732300000300 implements MigrationInterface {
  name = 'AvailabilityAndInspections1732300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE crawl_site ADD COLUMN name text, ADD COLUMN site_code text, ADD COLUMN kind text, ADD COLUMN host_unit text`);

    await q.query(`
      CREATE TABLE probe_window (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL REFERENCES crawl_site (site_id),
        window_from timestamptz NOT NULL,
        window_to timestamptz NOT NULL,
        per_day int NOT NULL,
        state text NOT NULL CHECK (state IN ('open', 'reported')),
        reported_at timestamptz,
        UNIQUE (site_id, window_from)
      )`);
    await q.query(`CREATE INDEX probe_window_open_idx ON probe_window (window_to) WHERE state = 'open'`);
    await q.query(`
      CREATE TABLE probe_slot (
        id uuid PRIMARY KEY,
        window_id uuid NOT NULL REFERENCES probe_window (id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES crawl_site (site_id),
        planned_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'running', 'done', 'missed')),
        claimed_at timestamptz
      )`);
    await q.query(`CREATE INDEX probe_slot_due_idx ON probe_slot (planned_at) WHERE state IN ('pending', 'running')`);
    await q.query(`CREATE INDEX probe_slot_window_idx ON probe_slot (window_id)`);
    await q.query(`
      ALTER TABLE probe
        ADD COLUMN slot_id uuid REFERENCES probe_slot (id) ON DELETE SET NULL,
        ADD COLUMN planned_at timestamptz,
        ADD COLUMN self_check_ok boolean,
        ADD COLUMN void_reason text`);
    await q.query(`CREATE UNIQUE INDEX probe_slot_once_idx ON probe (slot_id) WHERE slot_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE inspection (
        id text PRIMARY KEY,
        reason text NOT NULL,
        scope jsonb NOT NULL,
        as_of timestamptz NOT NULL,
        period jsonb,
        rule_set_id text NOT NULL,
        rule_set_version text,
        options jsonb NOT NULL DEFAULT '{}',
        recheck jsonb,
        requested_at timestamptz NOT NULL DEFAULT now(),
        state text NOT NULL CHECK (state IN ('running', 'completed'))
      )`);
    await q.query(`
      CREATE TABLE inspection_site (
        run_id uuid PRIMARY KEY,
        inspection_id text NOT NULL REFERENCES inspection (id),
        site_id uuid NOT NULL REFERENCES crawl_site (site_id),
        state text NOT NULL CHECK (state IN ('pending', 'running', 'completed', 'partial', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        claimed_at timestamptz,
        started_at timestamptz,
        completed_at timestamptz,
        pages_fetched int NOT NULL DEFAULT 0,
        findings int NOT NULL DEFAULT 0,
        batches int NOT NULL DEFAULT 0,
        error text,
        UNIQUE (inspection_id, site_id)
      )`);
    await q.query(`CREATE INDEX inspection_site_open_idx ON inspection_site (claimed_at) WHERE state IN ('pending', 'running')`);
    await q.query(`
      CREATE TABLE crawl_page (
        run_id uuid NOT NULL REFERENCES inspection_site (run_id) ON DELETE CASCADE,
        url text NOT NULL,
        final_url text NOT NULL,
        depth int NOT NULL,
        found_on text,
        status int,
        ok boolean NOT NULL,
        failure text,
        content_type text,
        headers jsonb NOT NULL DEFAULT '{}',
        archive_id text,
        screenshot_id text,
        dom_archive_id text,
        etag text,
        last_modified text,
        content_hash text,
        duplicate_of text,
        rendered boolean NOT NULL DEFAULT false,
        fetched_at timestamptz NOT NULL,
        PRIMARY KEY (run_id, url)
      )`);
    await q.query(`
      CREATE TABLE site_finding (
        run_id uuid NOT NULL,
        id text NOT NULL,
        site_id uuid NOT NULL,
        inspection_id text,
        type text NOT NULL,
        indicators text[] NOT NULL DEFAULT '{}',
        url text NOT NULL,
        as_of timestamptz NOT NULL,
        finding jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, id)
      )`);
    await q.query(`CREATE INDEX site_finding_site_idx ON site_finding (site_id, as_of DESC)`);
    await q.query(`
      CREATE TABLE site_column (
        site_id uuid NOT NULL REFERENCES crawl_site (site_id),
        url text NOT NULL,
        run_id uuid NOT NULL,
        name text NOT NULL,
        breadcrumb text,
        column_class text,
        level int,
        last_updated text,
        items int,
        corrected boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (site_id, url)
      )`);
    await q.query(`
      CREATE TABLE column_correction (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL REFERENCES crawl_site (site_id),
        url text NOT NULL,
        column_class text NOT NULL,
        level int,
        note text,
        corrected_by text,
        corrected_at timestamptz NOT NULL,
        UNIQUE (site_id, url)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['column_correction', 'site_column', 'site_finding', 'crawl_page', 'inspection_site', 'inspection']) await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP INDEX probe_slot_once_idx`);
    await q.query(`ALTER TABLE probe DROP COLUMN slot_id, DROP COLUMN planned_at, DROP COLUMN self_check_ok, DROP COLUMN void_reason`);
    await q.query(`DROP TABLE probe_slot`);
    await q.query(`DROP TABLE probe_window`);
    await q.query(`ALTER TABLE crawl_site DROP COLUMN name, DROP COLUMN site_code, DROP COLUMN kind, DROP COLUMN host_unit`);
  }
}
