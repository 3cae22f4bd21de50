import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rule sets, targets, periods, findings, versioned score cards and the audit trail. Immutability is enforced by the
 * database, not only by the code: stored rule-set versions, published card versions and audit rows reject UPDATE and
 * DELETE through triggers.
 */
export class CreateScoringCards1732300000310 implements MigrationInterface {
  name = 'CreateScoringCards1732300000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rule_set_version (
        id text NOT NULL,
        version text NOT NULL,
        name text NOT NULL,
        effective_date text NOT NULL,
        extends_id text,
        extends_version text,
        document jsonb NOT NULL,
        hash text NOT NULL,
        origin text NOT NULL CHECK (origin IN ('repository', 'upload')),
        source text NOT NULL,
        stored_by text NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX rule_set_version_hash_idx ON rule_set_version (hash)`);
    await q.query(`
      CREATE TABLE region_rule_set (
        region_code text PRIMARY KEY,
        rule_set_id text NOT NULL,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        reason text
      )`);
    await q.query(`
      CREATE TABLE scoring_target (
        target_id text PRIMARY KEY,
        target_kind text NOT NULL CHECK (target_kind IN ('site', 'account')),
        name text,
        site_kind text CHECK (site_kind IN ('portal', 'department')),
        region_code text,
        host_unit text,
        external_services boolean NOT NULL DEFAULT true,
        external_services_by text,
        external_services_at timestamptz,
        registered_at timestamptz
      )`);
    await q.query(`CREATE INDEX scoring_target_region_idx ON scoring_target (region_code)`);
    await q.query(`
      CREATE TABLE scoring_period (
        period_key text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('quarter', 'month', 'ad-hoc')),
        from_at timestamptz NOT NULL,
        to_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE inspection (
        inspection_id text PRIMARY KEY,
        period_key text NOT NULL REFERENCES scoring_period (period_key),
        as_of timestamptz NOT NULL,
        rule_set_id text NOT NULL,
        rule_set_version text,
        reason text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE finding_run (
        run_id text PRIMARY KEY,
        target_id text NOT NULL,
        period_key text,
        inspection_id text,
        as_of timestamptz NOT NULL,
        batches int NOT NULL DEFAULT 0,
        final boolean NOT NULL DEFAULT false,
        superseded boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX finding_run_scope_idx ON finding_run (target_id, period_key)`);
    await q.query(`
      CREATE TABLE finding (
        finding_id text PRIMARY KEY,
        target_id text NOT NULL,
        target_kind text NOT NULL,
        period_key text,
        inspection_id text,
        run_id text,
        source text NOT NULL CHECK (source IN ('machine', 'manual')),
        type text NOT NULL,
        as_of timestamptz NOT NULL,
        document jsonb NOT NULL,
        column_class text,
        review_state text NOT NULL DEFAULT 'pending' CHECK (review_state IN ('pending', 'confirmed', 'dismissed')),
        review_by text,
        review_at timestamptz,
        review_note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX finding_scope_idx ON finding (target_id, period_key)`);
    await q.query(`CREATE INDEX finding_unresolved_idx ON finding (inspection_id) WHERE period_key IS NULL`);
    await q.query(`
      CREATE TABLE score_card (
        card_id uuid NOT NULL,
        version int NOT NULL CHECK (version > 0),
        target_id text NOT NULL,
        period_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('draft', 'under-review', 'published', 'superseded')),
        rule_set_id text NOT NULL,
        rule_set_version text NOT NULL,
        as_of timestamptz NOT NULL,
        inspection_id text,
        target_class text NOT NULL,
        result text NOT NULL,
        final_score numeric,
        card jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        change_reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        submitted_by text,
        published_at timestamptz,
        published_by text,
        PRIMARY KEY (card_id, version),
        UNIQUE (target_id, period_key, version)
      )`);
    await q.query(`CREATE INDEX score_card_period_idx ON score_card (period_key, target_id, version DESC)`);
    await q.query(`
      CREATE TABLE audit_event (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        target_id text,
        period_key text,
        card_id uuid,
        card_version int,
        finding_id text,
        reason text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_event_target_idx ON audit_event (target_id, period_key, seq)`);

    await q.query(`
      CREATE FUNCTION scoring_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are immutable (%)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`CREATE TRIGGER rule_set_version_immutable BEFORE UPDATE OR DELETE ON rule_set_version FOR EACH ROW EXECUTE FUNCTION scoring_reject_change()`);
    await q.query(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION scoring_reject_change()`);
    await q.query(`
      CREATE TRIGGER score_card_published_immutable BEFORE UPDATE OR DELETE ON score_card
      FOR EACH ROW WHEN (OLD.state = 'published') EXECUTE FUNCTION scoring_reject_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_event', 'score_card', 'finding', 'finding_run', 'inspection', 'scoring_period', 'scoring_target', 'region_rule_set', 'rule_set_version'])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query(`DROP FUNCTION IF EXISTS scoring_reject_change()`);
  }
}
