import { FINDING_TYPES, Finding } from '@govinspect/contracts';
import { EntityManager } from 'typeorm';

/** Keep findings for the Site.findings query (the events carry them to scoring; this is crawl's own read model). */
export async function storeFindings(
  manager: EntityManager,
  run: { runId: string; siteId: string; inspectionId: string | null; findings: Finding[] },
): Promise<void> {
  if (!run.findings.length) return;
  await manager.query(
    `INSERT INTO site_finding (run_id, id, site_id, inspection_id, type, indicators, url, as_of, finding)
     SELECT $1, u.id, $2, $3, u.type, string_to_array(u.indicators, ','), u.url, u.as_of, u.finding
       FROM jsonb_to_recordset($4::jsonb) AS u(id text, type text, indicators text, url text, as_of timestamptz, finding jsonb)
     ON CONFLICT (run_id, id) DO UPDATE SET finding = EXCLUDED.finding`,
    [
      run.runId,
      run.siteId,
      run.inspectionId,
      JSON.stringify(
        run.findings.map((f) => ({
          id: f.id,
          type: f.type,
          indicators: (FINDING_TYPES[f.type]?.feeds ?? []).join(','),
          url: f.location.url,
          as_of: f.asOf,
          finding: f,
        })),
      ),
    ],
  );
}
