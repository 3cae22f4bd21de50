import { randomUUID } from 'node:crypto';
import { inspectionRequested, regionWithin } from '@govinspect/contracts';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

export type InspectionRequest = z.infer<typeof inspectionRequested.schema>;

export class InspectionScopeError extends Error {
  readonly nonRetriable = true;
  readonly classification = 'inspection-scope';
  constructor(message: string) {
    super(message);
    this.name = 'InspectionScopeError';
  }
}

/** A site a request names that crawl does not know (yet): retried, since its registration may still be on its way. */
export class UnknownSitesError extends Error {
  readonly classification = 'inspection-unknown-sites';
  constructor(readonly siteIds: string[]) {
    super(`unknown site ids: ${siteIds.join(', ')}`);
    this.name = 'UnknownSitesError';
  }
}

export interface Enqueued {
  inspectionId: string;
  created: boolean;
  siteIds: string[];
}

/**
 * Expand the scope (explicit site ids, or a region with or without its sub-regions, from crawl's copy of the
 * register), then create the inspection and one job per site. Idempotent on inspectionId: a second request with the
 * same id changes nothing.
 */
export async function enqueueInspection(manager: EntityManager, req: InspectionRequest): Promise<Enqueued> {
  const [existing] = await manager.query(`SELECT id FROM inspection WHERE id = $1`, [req.inspectionId]);
  if (existing) {
    const rows: Array<{ site_id: string }> = await manager.query(`SELECT site_id FROM inspection_site WHERE inspection_id = $1`, [req.inspectionId]);
    return { inspectionId: req.inspectionId, created: false, siteIds: rows.map((r) => r.site_id) };
  }
  let siteIds: string[];
  if (req.siteIds?.length) {
    const wanted = [...new Set(req.siteIds)];
    const known: Array<{ site_id: string }> = await manager.query(`SELECT site_id FROM crawl_site WHERE site_id = ANY($1::uuid[])`, [wanted]);
    const knownSet = new Set(known.map((k) => k.site_id));
    const unknown = wanted.filter((id) => !knownSet.has(id));
    if (unknown.length) throw new UnknownSitesError(unknown);
    siteIds = wanted;
  } else if (req.regionCode) {
    const code = req.regionCode;
    const all: Array<{ site_id: string; region_code: string }> = await manager.query(`SELECT site_id, region_code FROM crawl_site ORDER BY site_id`);
    siteIds = all.filter((s) => (req.includeSubRegions === false ? s.region_code === code : regionWithin(s.region_code, code))).map((s) => s.site_id);
  } else {
    throw new InspectionScopeError('siteIds or regionCode is required');
  }
  const inserted: unknown[] = await manager.query(
    `INSERT INTO inspection (id, reason, scope, as_of, period, rule_set_id, rule_set_version, options, recheck, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      req.inspectionId,
      req.reason,
      JSON.stringify({ siteIds: req.siteIds ?? null, regionCode: req.regionCode ?? null, includeSubRegions: req.includeSubRegions ?? true }),
      req.asOf,
      JSON.stringify(req.period),
      req.ruleSetId,
      req.ruleSetVersion ?? null,
      JSON.stringify(req.options ?? {}),
      req.recheck ? JSON.stringify(req.recheck) : null,
      siteIds.length ? 'running' : 'completed',
    ],
  );
  // Another transaction created it meanwhile (two schedulers, a redelivery racing the original).
  if (!inserted.length) return { inspectionId: req.inspectionId, created: false, siteIds };
  if (siteIds.length) {
    await manager.query(
      `INSERT INTO inspection_site (run_id, inspection_id, site_id, state)
       SELECT u.run_id, $1, u.site_id, 'pending' FROM unnest($2::uuid[], $3::uuid[]) AS u(run_id, site_id)`,
      [req.inspectionId, siteIds.map(() => randomUUID()), siteIds],
    );
  }
  return { inspectionId: req.inspectionId, created: true, siteIds };
}
