import { Finding, findingsRecorded, inspectionRequested, siteRegistered } from '@govinspect/contracts';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { returnedRows } from '../canonical-json';
import { quarterOf } from '../periods';

type FindingsRecorded = z.infer<typeof findingsRecorded.schema>;

/** A findings event the contract accepts but scoring cannot use as a whole; goes to the dead-letter topic. */
export class FindingsEventRejected extends Error {
  readonly nonRetriable = true as const;
  readonly classification = 'findings-event-rejected';
  constructor(message: string) {
    super(message);
    this.name = 'FindingsEventRejected';
  }
}

/** Two findings with these equal are the same problem (carried across runs so a reviewer's verdict survives a recrawl). */
const problemKey = (f: Pick<Finding, 'type' | 'location' | 'attributes'>) => {
  const a = f.attributes ?? {};
  return [f.type, f.location.url, a.subject, a.element, a.unit, a.label, a.direction].map((x) => x ?? '').join('\u0000');
};

/**
 * Findings and their inspection arrive on different topics, handled concurrently: without this lock each transaction
 * could miss the other's uncommitted row and the findings would wait for a period forever.
 */
async function lockInspection(m: EntityManager, inspectionId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7306))`, [`inspection\u001f${inspectionId}`]);
}

export async function upsertPeriod(m: EntityManager, p: { key: string; kind: string; from: string; to: string }): Promise<void> {
  // A period key means one span; the first definition stays (later events cannot move a period under stored cards).
  await m.query(`INSERT INTO scoring_period (period_key, kind, from_at, to_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [p.key, p.kind, p.from, p.to]);
}

/**
 * Store one batch of a check run. A newer run of a target replaces the previous run's machine findings for the same
 * period (manual findings, from any source, stay; a reviewer's verdict on the same problem carries over); a batch of an older run is
 * dropped. Returns the (target, period) to re-score, or null while the inspection's period is not known yet.
 */
export async function ingestFindings(m: EntityManager, p: FindingsRecorded): Promise<{ targetId: string; periodKey: string | null; stale: boolean }> {
  const wrong = p.findings.find((f) => f.targetId !== p.targetId || f.targetKind !== p.targetKind);
  if (wrong) throw new FindingsEventRejected(`finding ${wrong.id} is about ${wrong.targetKind} ${wrong.targetId}, not the event's ${p.targetKind} ${p.targetId}`);

  await m.query(`INSERT INTO scoring_target (target_id, target_kind) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [p.targetId, p.targetKind]);
  let periodKey: string | null = null;
  if (p.inspectionId) {
    await lockInspection(m, p.inspectionId);
    const [insp] = await m.query(`SELECT period_key FROM inspection WHERE inspection_id = $1`, [p.inspectionId]);
    periodKey = insp?.period_key ?? null;
  } else {
    const q = quarterOf(p.asOf);
    await upsertPeriod(m, q);
    periodKey = q.key;
  }
  // Scope of "the same target and period": the period when known, else the inspection awaiting its period. Within a
  // period, inspection runs and monitoring runs (no inspection: the crawl's W-V2 windows) replace only their own kind —
  // an availability window reported every few days must not wipe a full inspection's findings, nor the reverse.
  const stream = p.inspectionId ? 'inspection_id IS NOT NULL' : 'inspection_id IS NULL';
  const scope = periodKey ? { sql: `period_key = $2 AND ${stream}`, arg: periodKey } : { sql: 'period_key IS NULL AND inspection_id = $2', arg: p.inspectionId! };

  const [run] = await m.query(`SELECT superseded FROM finding_run WHERE run_id = $1`, [p.runId]);
  if (!run) {
    const [newer] = await m.query(
      `SELECT run_id FROM finding_run WHERE target_id = $1 AND ${scope.sql} AND NOT superseded AND as_of > $3 LIMIT 1`,
      [p.targetId, scope.arg, p.asOf],
    );
    await m.query(`INSERT INTO finding_run (run_id, target_id, period_key, inspection_id, as_of, superseded) VALUES ($1, $2, $3, $4, $5, $6)`, [
      p.runId, p.targetId, periodKey, p.inspectionId ?? null, p.asOf, !!newer,
    ]);
    if (newer) return { targetId: p.targetId, periodKey, stale: true };
  } else if (run.superseded) {
    return { targetId: p.targetId, periodKey, stale: true };
  }

  // Replace the older runs' machine findings, remembering reviewers' verdicts by problem.
  type Old = { document: Finding; column_class: string | null; review_state: string; review_by: string | null; review_at: Date | null; review_note: string | null };
  const old = returnedRows<Old>(await m.query(
    `DELETE FROM finding WHERE target_id = $1 AND ${scope.sql} AND source = 'machine' AND run_id IS DISTINCT FROM $3
     RETURNING document, column_class, review_state, review_by, review_at, review_note`,
    [p.targetId, scope.arg, p.runId],
  ));
  await m.query(`UPDATE finding_run SET superseded = true WHERE target_id = $1 AND ${scope.sql} AND run_id <> $3 AND NOT superseded`, [p.targetId, scope.arg, p.runId]);
  await m.query(`UPDATE finding_run SET batches = batches + 1, final = final OR $2 WHERE run_id = $1`, [p.runId, p.batch?.final ?? true]);
  const carried = new Map(old.filter((o) => o.review_state !== 'pending' || o.column_class).map((o) => [problemKey(o.document), o]));

  if (p.findings.length) {
    const rows = p.findings.map((f) => {
      const prev = carried.get(problemKey(f));
      return {
        finding_id: f.id,
        target_id: f.targetId,
        target_kind: f.targetKind,
        period_key: periodKey,
        inspection_id: p.inspectionId ?? null,
        run_id: p.runId,
        source: f.source,
        type: f.type,
        as_of: f.asOf,
        document: f,
        column_class: prev?.column_class ?? null,
        review_state: prev?.review_state ?? f.review?.state ?? 'pending',
        review_by: prev ? prev.review_by : (f.review?.by ?? null),
        review_at: prev ? prev.review_at : (f.review?.at ?? null),
        review_note: prev ? prev.review_note : (f.review?.note ?? null),
      };
    });
    await m.query(
      `INSERT INTO finding (finding_id, target_id, target_kind, period_key, inspection_id, run_id, source, type, as_of, document, column_class,
                            review_state, review_by, review_at, review_note)
       SELECT finding_id, target_id, target_kind, period_key, inspection_id, run_id, source, type, as_of, document, column_class,
              review_state, review_by, review_at, review_note
         FROM jsonb_to_recordset($1::jsonb) AS r(finding_id text, target_id text, target_kind text, period_key text, inspection_id text, run_id text,
              source text, type text, as_of timestamptz, document jsonb, column_class text, review_state text, review_by text, review_at timestamptz, review_note text)
       ON CONFLICT (finding_id) DO UPDATE SET
         document = EXCLUDED.document, type = EXCLUDED.type, as_of = EXCLUDED.as_of, run_id = EXCLUDED.run_id,
         period_key = EXCLUDED.period_key, inspection_id = EXCLUDED.inspection_id`,
      [JSON.stringify(rows)],
    );
  }
  return { targetId: p.targetId, periodKey, stale: false };
}

/** Keep the inspection's period and rule set; findings that arrived before it get their period now. */
export async function recordInspection(m: EntityManager, p: z.infer<typeof inspectionRequested.schema>): Promise<{ periodKey: string; targets: string[] }> {
  await lockInspection(m, p.inspectionId);
  await upsertPeriod(m, p.period);
  await m.query(
    `INSERT INTO inspection (inspection_id, period_key, as_of, rule_set_id, rule_set_version, reason) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [p.inspectionId, p.period.key, p.asOf, p.ruleSetId, p.ruleSetVersion ?? null, p.reason],
  );
  const [{ period_key }] = await m.query(`SELECT period_key FROM inspection WHERE inspection_id = $1`, [p.inspectionId]);
  await m.query(`UPDATE finding_run SET period_key = $2 WHERE inspection_id = $1 AND period_key IS NULL`, [p.inspectionId, period_key]);
  const rows = returnedRows<{ target_id: string }>(
    await m.query(`UPDATE finding SET period_key = $2 WHERE inspection_id = $1 AND period_key IS NULL RETURNING target_id`, [p.inspectionId, period_key]),
  );
  return { periodKey: period_key, targets: [...new Set(rows.map((r) => r.target_id))] };
}

export async function recordSite(m: EntityManager, p: z.infer<typeof siteRegistered.schema>): Promise<string[]> {
  await m.query(
    `INSERT INTO scoring_target (target_id, target_kind, name, site_kind, region_code, host_unit, registered_at) VALUES ($1, 'site', $2, $3, $4, $5, now())
     ON CONFLICT (target_id) DO UPDATE SET name = EXCLUDED.name, site_kind = EXCLUDED.site_kind, region_code = EXCLUDED.region_code,
       host_unit = EXCLUDED.host_unit, registered_at = COALESCE(scoring_target.registered_at, EXCLUDED.registered_at)`,
    [p.siteId, p.name, p.kind, p.regionCode, p.hostUnit],
  );
  const rows: { period_key: string }[] = await m.query(
    `SELECT DISTINCT period_key FROM finding WHERE target_id = $1 AND period_key IS NOT NULL
     UNION SELECT DISTINCT period_key FROM score_card WHERE target_id = $1`,
    [p.siteId],
  );
  return rows.map((r) => r.period_key);
}
