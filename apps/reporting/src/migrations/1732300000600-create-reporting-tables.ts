import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rounds, score cards, bulletins' inputs, rectification tasks with their history, regions and templates. */
export class CreateReportingTables1732300000600 implements MigrationInterface {
  name = 'CreateReportingTables1732300000600';

  async up(q: QueryRunner): Promise<void> {
    // What site-registered tells us about a site beyond its region (bulletins print names, groups need the kind).
    await q.query(`ALTER TABLE region_site
      ADD COLUMN name text, ADD COLUMN url text, ADD COLUMN site_code text, ADD COLUMN kind text, ADD COLUMN host_unit text`);

    await q.query(`CREATE TABLE region (
      code char(6) PRIMARY KEY,
      name text NOT NULL,
      level text NOT NULL,
      parent char(6)
    )`);

    // The newest published version per (target, period); older versions are never kept here.
    await q.query(`CREATE TABLE score_card (
      target_id text NOT NULL,
      period_key text NOT NULL,
      card_id text NOT NULL,
      version int NOT NULL,
      target_kind text NOT NULL,
      target_class text NOT NULL,
      target_name text NOT NULL,
      region_code char(6) NOT NULL,
      result text NOT NULL,
      final_score numeric,
      rule_set_id text NOT NULL,
      payload jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (target_id, period_key)
    )`);
    await q.query(`CREATE INDEX score_card_period_region_idx ON score_card (period_key, region_code)`);

    await q.query(`CREATE TABLE inspection_round (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      office text NOT NULL,
      region_code char(6) NOT NULL,
      include_sub_regions boolean NOT NULL,
      sample jsonb NOT NULL,
      as_of timestamptz NOT NULL,
      period jsonb NOT NULL,
      period_key text NOT NULL,
      rule_set_id text NOT NULL,
      rule_set_version text,
      state text NOT NULL CHECK (state IN ('draft','inspecting','scoring','ready','published')),
      deadline_working_days int NOT NULL,
      high_score_mark numeric NOT NULL,
      target_ids text[] NOT NULL DEFAULT '{}',
      publish_date date,
      published_by text,
      published_at timestamptz,
      bulletin jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX inspection_round_region_idx ON inspection_round (region_code, period_key)`);

    // Per-site progress of a round, from crawl.inspection-completed.
    await q.query(`CREATE TABLE round_inspection (
      round_id uuid NOT NULL REFERENCES inspection_round(id),
      site_id text NOT NULL,
      status text NOT NULL,
      pages_fetched int NOT NULL,
      findings int NOT NULL,
      completed_at timestamptz NOT NULL,
      PRIMARY KEY (round_id, site_id)
    )`);

    await q.query(`CREATE TABLE requirement_template (
      office text PRIMARY KEY,
      paragraphs jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE rectification_task (
      id uuid PRIMARY KEY,
      round_id uuid NOT NULL REFERENCES inspection_round(id),
      target_id text NOT NULL,
      target_kind text NOT NULL,
      target_name text NOT NULL,
      region_code char(6) NOT NULL,
      indicator_id text NOT NULL,
      level2 text NOT NULL,
      problem text NOT NULL,
      evidence jsonb NOT NULL,
      finding_type text,
      state text NOT NULL CHECK (state IN ('open','fixed-reported','rechecking','closed','reopened')),
      deadline timestamptz NOT NULL,
      repeat boolean NOT NULL,
      fix_note text,
      opened_at timestamptz NOT NULL,
      closed_at timestamptz,
      overdue_at timestamptz,
      rechecks int NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE INDEX rectification_task_round_idx ON rectification_task (round_id)`);
    await q.query(`CREATE INDEX rectification_task_target_idx ON rectification_task (target_id, indicator_id)`);

    await q.query(`CREATE TABLE rectification_history (
      id bigserial PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES rectification_task(id),
      from_state text,
      to_state text NOT NULL,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      note text
    )`);
    await q.query(`CREATE INDEX rectification_history_task_idx ON rectification_history (task_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rectification_history', 'rectification_task', 'requirement_template', 'round_inspection', 'inspection_round', 'score_card', 'region']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`ALTER TABLE region_site DROP COLUMN name, DROP COLUMN url, DROP COLUMN site_code, DROP COLUMN kind, DROP COLUMN host_unit`);
  }
}
