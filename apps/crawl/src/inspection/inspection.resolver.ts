import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { inspectionRequested } from '@govinspect/contracts';
import { loadRuleSet } from '@govinspect/rule-sets';
import { badInput, notFound } from '@govinspect/service-kit';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../clock';
import { Site } from '../probe.model';
import { EvidenceLinks } from './evidence.controller';
import { UnknownSitesError, enqueueInspection } from './enqueue';
import { CorrectColumnInput, FindingFilter, Inspection, InspectionOptionsInput, SiteColumn, SiteFinding } from './inspection.model';
import { InspectionWorker } from './inspection-worker';

const STATES = ['running', 'completed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

@Resolver(() => Inspection)
export class InspectionResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly worker: InspectionWorker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [Inspection], { description: 'Inspections, newest first, optionally of one site or in one state (running, completed)' })
  async inspections(
    @Args('siteId', { type: () => ID, nullable: true }) siteId?: string,
    @Args('state', { type: () => String, nullable: true }) state?: string,
  ): Promise<Inspection[]> {
    if (siteId && !UUID.test(siteId)) throw badInput('siteId', 'must be a UUID');
    if (state && !STATES.includes(state)) throw badInput('state', `must be one of ${STATES.join(', ')}`);
    const rows = await this.dataSource.query(
      `SELECT i.* FROM inspection i
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM inspection_site s WHERE s.inspection_id = i.id AND s.site_id = $1))
          AND ($2::text IS NULL OR i.state = $2)
        ORDER BY i.requested_at DESC LIMIT 200`,
      [siteId ?? null, state ?? null],
    );
    return Promise.all(rows.map((r: InspectionRow) => this.load(r)));
  }

  @Query(() => Inspection, { nullable: true, description: 'One inspection with per-site progress' })
  async inspection(@Args('id', { type: () => ID }) id: string): Promise<Inspection | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM inspection WHERE id = $1`, [id]);
    return row ? this.load(row) : null;
  }

  private async load(r: InspectionRow): Promise<Inspection> {
    const runs: RunRow[] = await this.dataSource.query(`SELECT * FROM inspection_site WHERE inspection_id = $1 ORDER BY site_id`, [r.id]);
    const count = (...states: string[]) => runs.filter((x) => states.includes(x.state)).length;
    return {
      id: r.id,
      reason: r.reason,
      asOf: r.as_of,
      ruleSetId: r.rule_set_id,
      state: r.state,
      requestedAt: r.requested_at,
      progress: { total: runs.length, pending: count('pending'), running: count('running'), done: count('completed', 'partial'), failed: count('failed') },
      sites: runs.map((x) => ({
        runId: x.run_id,
        site: { id: x.site_id },
        state: x.state,
        attempts: x.attempts,
        startedAt: x.started_at,
        completedAt: x.completed_at,
        pagesFetched: x.pages_fetched,
        findings: x.findings,
        error: x.error,
      })),
    };
  }

  @Mutation(() => Inspection, { description: 'Queue an inspection of sites (by id) or of a region (with its sub-regions)' })
  async requestInspection(
    @Args('siteIds', { type: () => [ID], nullable: true }) siteIds: string[] | undefined,
    @Args('regionCode', { type: () => String, nullable: true }) regionCode: string | undefined,
    @Args('asOf', { type: () => Date, nullable: true, description: '监测时间点; default now' }) asOf: Date | undefined,
    @Args('ruleSetId', { type: () => String, defaultValue: 'national-2019' }) ruleSetId: string,
    @Args('options', { type: () => InspectionOptionsInput, nullable: true }) options?: InspectionOptionsInput,
  ): Promise<Inspection> {
    if (!siteIds?.length && !regionCode) throw badInput('siteIds', 'give siteIds or regionCode');
    for (const id of siteIds ?? []) if (!UUID.test(id)) throw badInput('siteIds', `${JSON.stringify(id)} is not a UUID`);
    if (asOf && Number.isNaN(new Date(asOf).getTime())) throw badInput('asOf', 'not a valid date-time');
    try {
      loadRuleSet(ruleSetId);
    } catch (e) {
      throw badInput('ruleSetId', (e as Error).message);
    }
    const at = asOf ? new Date(asOf) : this.clock.now();
    const clean = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined && v !== null));
    const parsed = inspectionRequested.schema.safeParse({
      inspectionId: randomUUID(),
      reason: 'manual',
      ...(siteIds?.length ? { siteIds } : {}),
      ...(regionCode ? { regionCode } : {}),
      asOf: at.toISOString(),
      period: { key: `ad-hoc-${at.toISOString().slice(0, 10)}`, kind: 'ad-hoc', from: at.toISOString(), to: at.toISOString() },
      ruleSetId,
      options: clean,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue.path[0] ?? 'input');
      throw badInput(field === 'options' ? `options.${String(issue.path[1] ?? '')}` : field, issue.message);
    }
    const id = await this.dataSource.transaction(async (manager) => {
      try {
        return (await enqueueInspection(manager, parsed.data)).inspectionId;
      } catch (e) {
        if (e instanceof UnknownSitesError) throw notFound('site', e.siteIds.join(', '));
        throw e;
      }
    });
    this.worker.kick();
    return (await this.inspection(id))!;
  }
}

interface InspectionRow {
  id: string;
  reason: string;
  as_of: Date;
  rule_set_id: string;
  state: string;
  requested_at: Date;
}
interface RunRow {
  run_id: string;
  site_id: string;
  state: string;
  attempts: number;
  started_at: Date | null;
  completed_at: Date | null;
  pages_fetched: number;
  findings: number;
  error: string | null;
}

@Resolver(() => Site)
export class SiteInspectionResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: EvidenceLinks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ResolveField(() => [SiteColumn], { description: 'Column inventory from the latest inspection, with inspector corrections' })
  async columns(@Parent() site: Site): Promise<SiteColumn[]> {
    const rows = await this.dataSource.query(
      `SELECT c.url, c.name, c.breadcrumb, coalesce(k.column_class, c.column_class) AS column_class, coalesce(k.level, c.level) AS level,
              c.last_updated, c.items, (c.corrected OR k.id IS NOT NULL) AS corrected, c.data
         FROM site_column c LEFT JOIN column_correction k ON k.site_id = c.site_id AND k.url = c.url
        WHERE c.site_id = $1 ORDER BY c.url`,
      [site.id],
    );
    return rows.map((r: any) => ({
      url: r.url, name: r.name, breadcrumb: r.breadcrumb, columnClass: r.column_class, level: r.level, lastUpdated: r.last_updated, itemCount: r.items, corrected: r.corrected,
      blank: r.data?.blank === true, stale: r.data?.stale === true, window: r.data?.window ?? null,
    }));
  }

  @ResolveField(() => [SiteFinding], { description: 'Findings on the site, newest first' })
  async findings(@Parent() site: Site, @Args('filter', { type: () => FindingFilter, nullable: true }) filter?: FindingFilter): Promise<SiteFinding[]> {
    if (filter?.runId && !UUID.test(filter.runId)) throw badInput('filter.runId', 'must be a UUID');
    if (filter?.since && Number.isNaN(new Date(filter.since).getTime())) throw badInput('filter.since', 'not a valid date-time');
    const rows = await this.dataSource.query(
      `SELECT * FROM site_finding
        WHERE site_id = $1 AND ($2::text IS NULL OR type = $2) AND ($3::text IS NULL OR $3 = ANY(indicators))
          AND ($4::uuid IS NULL OR run_id = $4) AND ($5::timestamptz IS NULL OR as_of >= $5)
        ORDER BY as_of DESC, type, id LIMIT 1000`,
      [site.id, filter?.type ?? null, filter?.indicator ?? null, filter?.runId ?? null, filter?.since ?? null],
    );
    return rows.map((r: any) => {
      const f = r.finding;
      const archiveId = f.evidence?.archiveId ?? null;
      return {
        id: r.id,
        type: r.type,
        indicators: r.indicators,
        url: r.url,
        breadcrumb: f.location?.breadcrumb ?? null,
        evidence: f.evidence?.text ?? '',
        archiveId,
        evidenceUrl: archiveId ? this.links.url(archiveId) : null,
        asOf: r.as_of,
        runId: r.run_id,
        inspectionId: r.inspection_id,
        attributesJson: JSON.stringify(f.attributes ?? {}),
      };
    });
  }

  @Mutation(() => SiteColumn, { description: "Correct a column's class or level; later inspections use it over the classifier" })
  async correctColumn(@Args('input') input: CorrectColumnInput): Promise<SiteColumn> {
    if (!UUID.test(input.siteId)) throw badInput('siteId', 'must be a UUID');
    const [site] = await this.dataSource.query(`SELECT site_id, url FROM crawl_site WHERE site_id = $1`, [input.siteId]);
    if (!site) throw notFound('site', input.siteId);
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw badInput('url', 'not a URL');
    }
    if (!/^https?:$/.test(url.protocol)) throw badInput('url', 'must be http or https');
    const siteHost = new URL(site.url).hostname;
    if (url.hostname !== siteHost && !url.hostname.endsWith(`.${siteHost}`)) throw badInput('url', `is not on the site (${siteHost})`);
    const classes = Object.keys(loadRuleSet('national-2019').columnClasses).filter((c) => c !== 'homepage');
    if (!classes.includes(input.columnClass)) throw badInput('columnClass', `must be one of ${classes.join(', ')}`);
    if (input.level !== undefined && input.level !== null && input.level !== 1 && input.level !== 2) throw badInput('level', 'must be 1 or 2');
    await this.dataSource.query(
      `INSERT INTO column_correction (id, site_id, url, column_class, level, note, corrected_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (site_id, url) DO UPDATE SET column_class = EXCLUDED.column_class, level = EXCLUDED.level, note = EXCLUDED.note, corrected_at = EXCLUDED.corrected_at`,
      [randomUUID(), input.siteId, input.url, input.columnClass, input.level ?? null, input.note ?? null, this.clock.now()],
    );
    const [col] = await this.dataSource.query(`SELECT name, breadcrumb, last_updated, items, data FROM site_column WHERE site_id = $1 AND url = $2`, [input.siteId, input.url]);
    return {
      url: input.url,
      name: col?.name ?? input.url,
      breadcrumb: col?.breadcrumb ?? null,
      columnClass: input.columnClass,
      level: input.level ?? null,
      lastUpdated: col?.last_updated ?? null,
      itemCount: col?.items ?? null,
      corrected: true,
      // Staleness under the corrected class is judged at the next inspection; until then the last verdict stands.
      blank: col?.data?.blank === true,
      stale: col?.data?.stale === true,
      window: col?.data?.window ?? null,
    };
  }
}
