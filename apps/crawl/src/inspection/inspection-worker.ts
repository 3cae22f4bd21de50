import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { siteUnavailableFinding } from '@govinspect/availability';
import { Finding, InspectionOptions, findingSchema, findingsRecorded, inspectionCompleted } from '@govinspect/contracts';
import { OutboxRelay, enqueueEvent } from '@govinspect/messaging';
import { loadRuleSet } from '@govinspect/rule-sets';
import { OUTBOX_RELAY } from '@govinspect/service-kit';
import { DataSource, EntityManager } from 'typeorm';
import { summariseSiteWindow } from '../availability/window-summary';
import { CLOCK, Clock } from '../clock';
import { CRAWL_CONFIG, CrawlConfig } from '../crawl-config';
import { Fetcher } from '@govinspect/web-fetch';
import { InspectionRenderer, InventoryColumn, JobResult, createInspectionFetcher, inspectSite, launchInspectionRenderer } from './engine';
import { EvidenceStore } from './evidence-store';
import { storeFindings } from './finding-store';
import { PgPageStore } from './page-store';

interface Job {
  run_id: string;
  inspection_id: string;
  site_id: string;
  attempts: number;
  started_at: Date;
}

interface JobContext {
  job: Job;
  site: { site_id: string; url: string; region_code: string; name: string | null; site_code: string | null; kind: string | null };
  inspection: { id: string; reason: string; as_of: Date; rule_set_id: string; rule_set_version: string | null; options: InspectionOptions | null; recheck: RecheckTarget | null };
}

interface RecheckTarget {
  taskId: string;
  findingType: string;
  url: string;
  subject?: string;
}

/** A job claimed this many times without finishing (the worker keeps dying on it) is failed instead of re-queued. */
const MAX_ATTEMPTS = 3;

/**
 * Runs the per-site inspection jobs: claimed with SKIP LOCKED (several crawl workers share the queue), kept alive by a
 * heartbeat so a crashed worker's job is re-queued once its claim goes stale, crawled into a per-run page store so a
 * re-queued job re-uses the pages it already has, and finished in one transaction that writes the column inventory,
 * the findings (in `crawl.findings-recorded` batches) and the `crawl.inspection-completed` summary.
 */
@Injectable()
export class InspectionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InspectionWorker');
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private timer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private fetcher: Fetcher | null = null;
  private stopping = false;
  private ticking = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(CRAWL_CONFIG) private readonly config: CrawlConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly evidence: EvidenceStore,
  ) {}

  onApplicationBootstrap() {
    if (this.config.pollMs > 0) this.timer = setInterval(() => this.kick(), Math.max(this.config.pollMs, 500));
    this.heartbeat = setInterval(() => void this.beat(), Math.max(200, Math.floor(this.config.staleJobMs / 3)));
  }

  /**
   * Stop claiming and abandon running jobs without recording them: their claims go stale and another worker (or this
   * one after a restart) resumes them from the pages already stored.
   */
  async onApplicationShutdown() {
    this.stopping = true;
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
    this.abort.abort();
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), new Promise((r) => (grace = setTimeout(r, 2_000)))]);
    clearTimeout(grace);
    await this.fetcher?.close?.().catch(() => undefined);
  }

  kick() {
    void this.tick().catch((e) => this.logger.error(e));
  }

  private async beat() {
    if (!this.inFlight.size || this.stopping) return;
    await this.dataSource.query(`UPDATE inspection_site SET claimed_at = now() WHERE run_id = ANY($1::uuid[]) AND state = 'running'`, [[...this.inFlight.keys()]]).catch(() => undefined);
  }

  /** Claim jobs for free slots: pending ones, and running ones whose worker stopped beating. */
  async tick(): Promise<number> {
    if (this.stopping || this.ticking) return 0;
    this.ticking = true;
    try {
      const free = this.config.inspectionConcurrency - this.inFlight.size;
      if (free <= 0) return 0;
      const [claimed]: [Job[], number] = await this.dataSource.query(
        `UPDATE inspection_site SET state = 'running', claimed_at = now(), attempts = attempts + 1, started_at = coalesce(started_at, $3)
          WHERE run_id IN (
            SELECT run_id FROM inspection_site
             WHERE state = 'pending'
                OR (state = 'running' AND claimed_at < now() - make_interval(secs => $2::double precision / 1000))
             ORDER BY claimed_at NULLS FIRST, run_id
             LIMIT $1
             FOR UPDATE SKIP LOCKED)
          RETURNING run_id, inspection_id, site_id, attempts, started_at`,
        [free, this.config.staleJobMs, this.clock.now()],
      );
      for (const job of claimed) {
        const p = this.run(job)
          .catch((e) => this.logger.error(`job ${job.run_id}: ${(e as Error).stack ?? e}`))
          .finally(() => this.inFlight.delete(job.run_id));
        this.inFlight.set(job.run_id, p);
      }
      return claimed.length;
    } finally {
      this.ticking = false;
    }
  }

  /** Resolves when no job of this worker is running (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()]);
  }

  private async context(job: Job): Promise<JobContext> {
    const [site] = await this.dataSource.query(`SELECT site_id, url, region_code, name, site_code, kind FROM crawl_site WHERE site_id = $1`, [job.site_id]);
    const [inspection] = await this.dataSource.query(
      `SELECT id, reason, as_of, rule_set_id, rule_set_version, options, recheck FROM inspection WHERE id = $1`,
      [job.inspection_id],
    );
    return { job, site, inspection };
  }

  private async run(job: Job): Promise<void> {
    const ctx = await this.context(job);
    if (job.attempts > MAX_ATTEMPTS) {
      await this.finish(ctx, { status: 'failed', error: `abandoned after ${MAX_ATTEMPTS} attempts`, findings: [], columns: [], pagesFetched: 0 });
      return;
    }
    let result: JobResult;
    let renderer: InspectionRenderer | null = null;
    try {
      const ruleSet = loadRuleSet(ctx.inspection.rule_set_id, ctx.inspection.rule_set_version ?? undefined);
      this.fetcher ??= createInspectionFetcher({ policy: this.config.policy, caCertPem: this.config.caCertPem, insecureTls: this.config.insecureTls });
      const corrections: Array<{ url: string; column_class: string; level: number | null }> = await this.dataSource.query(
        `SELECT url, column_class, level FROM column_correction WHERE site_id = $1`,
        [job.site_id],
      );
      const hosts: Array<{ url: string }> = await this.dataSource.query(`SELECT url FROM crawl_site`);
      const options = ctx.inspection.options ?? {};
      if (options.render) renderer = await launchInspectionRenderer({ policy: this.config.policy, caCertPem: this.config.caCertPem, insecureTls: this.config.insecureTls });
      result = await inspectSite({
        runId: job.run_id,
        site: {
          id: ctx.site.site_id,
          name: ctx.site.name ?? new URL(ctx.site.url).host,
          url: ctx.site.url,
          siteCode: ctx.site.site_code ?? '',
          kind: ctx.site.kind === 'portal' ? 'portal' : 'department',
          regionCode: ctx.site.region_code,
        },
        asOf: ctx.inspection.as_of.toISOString(),
        ruleSet,
        fetcher: this.fetcher,
        crawl: {
          ...(options.pageBudget ? { pageBudget: options.pageBudget } : {}),
          ...(typeof options.maxDepth === 'number' ? { maxDepth: options.maxDepth } : {}),
          ...(options.ignoreRobots ? { ignoreRobots: true } : {}),
          // Render the pages a static fetch cannot read (script-filled lists); 'auto' needs a renderer.
          ...(renderer ? { render: 'auto' } : {}),
          signal: this.abort.signal,
        },
        ...(renderer ? { renderer } : {}),
        archive: this.evidence.archive,
        store: new PgPageStore(this.dataSource, job.run_id, this.evidence.archive),
        registry: { registeredHosts: [...new Set(hosts.map((h) => new URL(h.url).host))], closedHosts: [] },
        corrections: corrections.map((c) => ({ url: c.url, columnClass: c.column_class, ...(c.level ? { level: c.level as 1 | 2 } : {}) })),
      });
    } catch (e) {
      if (this.stopping) return; // abandoned on shutdown: the stale claim re-queues it
      result = { status: 'failed', error: (e as Error).message ?? String(e), findings: [], columns: [], pagesFetched: 0 };
    } finally {
      await renderer?.close();
    }
    if (this.stopping) return;
    await this.finish(ctx, result);
  }

  /** W-V2 from the probes of the window before asOf replaces what one homepage visit could say about it. */
  private async withAvailability(manager: EntityManager, ctx: JobContext, findings: Finding[]): Promise<Finding[]> {
    const asOf = ctx.inspection.as_of;
    const summary = await summariseSiteWindow(manager, ctx.site.site_id, {
      asOf,
      windowDays: this.config.windowDays,
      minProbesPerDay: this.config.minProbesPerDay,
      lateToleranceMs: this.config.lateToleranceMs,
    });
    if (!summary.counted) return findings;
    const rest = findings.filter((f) => f.type !== 'site-unavailable');
    const f = siteUnavailableFinding({ siteId: ctx.site.site_id, url: ctx.site.url, asOf, windowDays: this.config.windowDays, summary });
    return f ? [findingSchema.parse(f), ...rest] : rest;
  }

  private async finish(ctx: JobContext, result: JobResult): Promise<void> {
    const { job, site, inspection } = ctx;
    const completedAt = this.clock.now();
    const valid: Finding[] = [];
    let rejected = 0;
    for (const f of result.findings ?? []) {
      const parsed = findingSchema.safeParse(f);
      if (parsed.success) valid.push(parsed.data);
      else rejected++;
    }
    if (rejected) this.logger.warn(`run ${job.run_id}: ${rejected} findings failed the contract and were dropped`);
    await this.dataSource.transaction(async (manager) => {
      // Finishes of one inspection's jobs take turns, so the last one sees the others done and closes the inspection.
      await manager.query(`SELECT id FROM inspection WHERE id = $1 FOR UPDATE`, [inspection.id]);
      const [still] = await manager.query(`SELECT state FROM inspection_site WHERE run_id = $1 FOR UPDATE`, [job.run_id]);
      if (!still || still.state !== 'running') return; // finished by another worker meanwhile
      const findings = await this.withAvailability(manager, ctx, valid);
      if (result.columns?.length) await this.saveColumns(manager, site.site_id, job.run_id, result.columns);
      await storeFindings(manager, { runId: job.run_id, siteId: site.site_id, inspectionId: inspection.id, findings });
      const size = Math.max(1, this.config.findingsBatchSize);
      const batches = Math.max(1, Math.ceil(findings.length / size));
      for (let i = 0; i < batches; i++) {
        await enqueueEvent(
          manager,
          findingsRecorded,
          site.site_id,
          {
            targetId: site.site_id,
            targetKind: 'site',
            asOf: inspection.as_of.toISOString(),
            runId: job.run_id,
            inspectionId: inspection.id,
            batch: { index: i, final: i === batches - 1 },
            findings: findings.slice(i * size, (i + 1) * size),
          },
          'crawl',
        );
      }
      const byType: Record<string, number> = {};
      for (const f of findings) byType[f.type] = (byType[f.type] ?? 0) + 1;
      const recheck = inspection.recheck ? recheckOutcome(inspection.recheck, findings) : undefined;
      const error = [result.error, rejected ? `${rejected} findings failed the contract` : null].filter(Boolean).join('; ') || undefined;
      await enqueueEvent(
        manager,
        inspectionCompleted,
        site.site_id,
        {
          inspectionId: inspection.id,
          runId: job.run_id,
          siteId: site.site_id,
          regionCode: site.region_code,
          asOf: inspection.as_of.toISOString(),
          startedAt: (job.started_at ?? completedAt).toISOString(),
          completedAt: completedAt.toISOString(),
          status: result.status,
          pagesFetched: result.pagesFetched ?? 0,
          findings: findings.length,
          findingsByType: byType,
          ...(recheck ? { recheck } : {}),
          ...(error ? { error } : {}),
        },
        'crawl',
      );
      await manager.query(
        `UPDATE inspection_site SET state = $2, completed_at = $3, pages_fetched = $4, findings = $5, batches = $6, error = $7 WHERE run_id = $1`,
        [job.run_id, result.status, completedAt, result.pagesFetched ?? 0, findings.length, batches, error ?? null],
      );
      await manager.query(
        `UPDATE inspection SET state = 'completed'
          WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM inspection_site WHERE inspection_id = $1 AND state IN ('pending', 'running'))`,
        [inspection.id],
      );
    });
    this.relay.kick();
  }

  private async saveColumns(manager: EntityManager, siteId: string, runId: string, columns: InventoryColumn[]) {
    await manager.query(`DELETE FROM site_column WHERE site_id = $1`, [siteId]);
    const rows = [...new Map(columns.filter((c) => c?.url && c.name).map((c) => [c.url, c])).values()];
    if (!rows.length) return;
    await manager.query(
      `INSERT INTO site_column (site_id, url, run_id, name, breadcrumb, column_class, level, last_updated, items, corrected, data)
       SELECT $1, u.url, $2, u.name, u.breadcrumb, u.column_class, u.level, u.last_updated, u.items, u.corrected, u.data
         FROM jsonb_to_recordset($3::jsonb) AS u(url text, name text, breadcrumb text, column_class text, level int, last_updated text, items int, corrected boolean, data jsonb)`,
      [
        siteId,
        runId,
        JSON.stringify(
          rows.map((c) => ({
            url: c.url,
            name: c.name,
            breadcrumb: c.breadcrumb ?? null,
            column_class: c.columnClass ?? null,
            level: typeof c.level === 'number' ? c.level : null,
            last_updated: c.lastUpdated ?? null,
            items: typeof c.itemCount === 'number' ? c.itemCount : null,
            corrected: c.classifiedBy === 'inspector',
            data: c,
          })),
        ),
      ],
    );
  }
}

/** 复核: the problem is still present when a finding of the same type is at the same url (and subject, when given). */
export function recheckOutcome(target: RecheckTarget, findings: Finding[]): { taskId: string; stillPresent: boolean; findingIds: string[] } {
  const same = findings.filter(
    (f) => f.type === target.findingType && f.location.url === target.url && (!target.subject || f.attributes?.subject === target.subject),
  );
  return { taskId: target.taskId, stillPresent: same.length > 0, findingIds: same.map((f) => f.id) };
}

