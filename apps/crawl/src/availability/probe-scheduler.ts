import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DAY_MS, VoidReason, planProbeSlots, siteUnavailableFinding } from '@govinspect/availability';
import { findingsRecorded } from '@govinspect/contracts';
import { OutboxRelay, enqueueEvent } from '@govinspect/messaging';
import { OUTBOX_RELAY } from '@govinspect/service-kit';
import { createDispatcher, probe } from '@govinspect/web-fetch';
import { DataSource, EntityManager } from 'typeorm';
import { Agent } from 'undici';
import { CLOCK, Clock } from '../clock';
import { CRAWL_CONFIG, CrawlConfig } from '../crawl-config';
import { CrawlSiteEntity } from '../entities';
import { storeFindings } from '../inspection/finding-store';
import { recordProbe } from './record-probe';
import { SelfCheck } from './self-check';
import { summariseSiteWindow } from './window-summary';

export interface StartedProbe {
  slotId: string;
  siteId: string;
  plannedAt: Date;
  /** Settles once the probe is recorded (never rejects). */
  done: Promise<void>;
}

interface ClaimedSlot {
  id: string;
  site_id: string;
  planned_at: Date;
}

/**
 * W-V2 monitoring: each site has windows of `windowDays` whose probe slots are planned up front (jittered, ≥
 * minProbesPerDay a day). Slots are claimed with SKIP LOCKED when the injected clock reaches them, so several crawl
 * workers share them and a crashed worker's claims are re-queued. An elapsed window is summarised and reported as a
 * `site-unavailable` finding when it holds failures; the threshold is scoring's (rule set), never applied here.
 */
@Injectable()
export class ProbeScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProbeScheduler');
  private readonly inFlight = new Set<Promise<void>>();
  private readonly dispatcher: Agent;
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private ticking = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(CRAWL_CONFIG) private readonly config: CrawlConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly selfCheck: SelfCheck,
  ) {
    // Slots of one site are minutes apart, so a generous per-origin cap costs no politeness; a low one would queue a
    // probe behind slow responses and time it out before it ever reached the site.
    this.dispatcher = createDispatcher({ policy: config.policy, insecureTls: config.insecureTls, caCertPem: config.caCertPem, connectionsPerOrigin: 64 });
  }

  onApplicationBootstrap() {
    if (this.config.slotPollMs > 0) this.timer = setInterval(() => void this.tick(), this.config.slotPollMs);
  }

  async onApplicationShutdown() {
    this.stopping = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
    await this.dispatcher.close();
  }

  private async tick() {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.runDue();
      await this.reportElapsedWindows();
    } catch (e) {
      this.logger.error(e);
    } finally {
      this.ticking = false;
    }
  }

  /** Plan one window of slots for a site from `from` (idempotent on site and start). Returns the window id. */
  async planWindow(siteId: string, from: Date, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const to = new Date(from.getTime() + this.config.windowDays * DAY_MS);
    const id = randomUUID();
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO probe_window (id, site_id, window_from, window_to, per_day, state) VALUES ($1, $2, $3, $4, $5, 'open')
       ON CONFLICT (site_id, window_from) DO NOTHING RETURNING id`,
      [id, siteId, from, to, this.config.probesPerDay],
    );
    if (!inserted.length) {
      const [existing] = await manager.query(`SELECT id FROM probe_window WHERE site_id = $1 AND window_from = $2`, [siteId, from]);
      return existing.id;
    }
    const slots = planProbeSlots({ siteId, from, windowDays: this.config.windowDays, perDay: this.config.probesPerDay, seed: id });
    const ids = slots.map(() => randomUUID());
    await manager.query(
      `INSERT INTO probe_slot (id, window_id, site_id, planned_at, state)
       SELECT u.id, $1, $2, u.at, 'pending' FROM unnest($3::uuid[], $4::timestamptz[]) AS u(id, at)`,
      [id, siteId, ids, slots.map((s) => s.plannedAt)],
    );
    return id;
  }

  /**
   * Mark slots too late to run as missed, claim the due ones and start their probes. Returns each started probe's
   * completion, so a driver (the accuracy test) can wait for the probes whose outcome depends on the clock.
   */
  async runDue(): Promise<StartedProbe[]> {
    if (this.stopping) return [];
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE probe_slot SET state = 'missed' WHERE state = 'pending' AND planned_at < $1`,
      [new Date(now.getTime() - this.config.lateToleranceMs)],
    );
    const free = this.config.probeConcurrency - this.inFlight.size;
    if (free <= 0) return [];
    const [claimed]: [ClaimedSlot[], number] = await this.dataSource.query(
      `UPDATE probe_slot SET state = 'running', claimed_at = now()
        WHERE id IN (
          SELECT id FROM probe_slot
           WHERE (state = 'pending' AND planned_at <= $1)
              OR (state = 'running' AND claimed_at < now() - make_interval(secs => $3::double precision / 1000))
           ORDER BY planned_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING id, site_id, planned_at`,
      [now, free, this.config.staleClaimMs],
    );
    return claimed.map((slot) => {
      const job = this.run(slot, now)
        .catch((e) => this.logger.error(`slot ${slot.id}: ${(e as Error).message}`))
        .finally(() => this.inFlight.delete(job));
      this.inFlight.add(job);
      return { slotId: slot.id, siteId: slot.site_id, plannedAt: slot.planned_at, done: job };
    });
  }

  private async run(slot: ClaimedSlot, startedAt: Date): Promise<void> {
    const site = await this.dataSource.getRepository(CrawlSiteEntity).findOneByOrFail({ siteId: slot.site_id });
    const outcome = await probe(site.url, { dispatcher: this.dispatcher, timeoutMs: this.config.probeTimeoutMs });
    // A failure is only the site's when our own side was up: check our loopback health endpoint right then.
    const selfCheckOk = outcome.ok ? null : await this.selfCheck.check();
    let voidReason: VoidReason | null = null;
    if (startedAt.getTime() - slot.planned_at.getTime() > this.config.lateToleranceMs) voidReason = 'late';
    else if (!outcome.ok && (outcome.failure === 'guarded' || (this.stopping && /destroyed|closed/i.test(outcome.detail ?? '')))) voidReason = 'egress';
    else if (selfCheckOk === false) voidReason = 'self-check';
    await this.dataSource.transaction(async (manager) => {
      await recordProbe(manager, {
        siteId: site.siteId,
        regionCode: site.regionCode,
        url: site.url,
        probedAt: startedAt,
        outcome,
        slotId: slot.id,
        plannedAt: slot.planned_at,
        selfCheckOk,
        voidReason,
      });
      await manager.query(`UPDATE probe_slot SET state = 'done' WHERE id = $1`, [slot.id]);
    });
    this.relay.kick();
  }

  /**
   * Summarise every elapsed window whose slots are all settled, emit its findings (a `site-unavailable` finding when
   * it holds failures; an empty final batch otherwise, so consumers know the window is clean) and plan the next one.
   */
  async reportElapsedWindows(): Promise<number> {
    const now = this.clock.now();
    let reported = 0;
    await this.dataSource.transaction(async (manager) => {
      const windows: Array<{ id: string; site_id: string; window_from: Date; window_to: Date }> = await manager.query(
        `SELECT w.id, w.site_id, w.window_from, w.window_to FROM probe_window w
          WHERE w.state = 'open' AND w.window_to <= $1
            AND NOT EXISTS (SELECT 1 FROM probe_slot s WHERE s.window_id = w.id AND s.state IN ('pending', 'running') AND s.planned_at < w.window_to)
          ORDER BY w.window_to LIMIT 50 FOR UPDATE SKIP LOCKED`,
        [now],
      );
      for (const w of windows) {
        await manager.query(`UPDATE probe_slot SET state = 'missed' WHERE window_id = $1 AND state = 'pending'`, [w.id]);
        const site = await manager.findOneByOrFail(CrawlSiteEntity, { siteId: w.site_id });
        const windowDays = Math.round((w.window_to.getTime() - w.window_from.getTime()) / DAY_MS);
        const summary = await summariseSiteWindow(manager, w.site_id, {
          asOf: w.window_to,
          windowDays,
          minProbesPerDay: this.config.minProbesPerDay,
          lateToleranceMs: this.config.lateToleranceMs,
        });
        const finding = siteUnavailableFinding({ siteId: w.site_id, url: site.url, asOf: w.window_to, windowDays, summary });
        const findings = finding ? [{ ...finding, attributes: finding.attributes ?? {} }] : [];
        const payload = {
          targetId: w.site_id,
          targetKind: 'site' as const,
          asOf: w.window_to.toISOString(),
          runId: w.id,
          batch: { index: 0, final: true },
          findings: findings as never,
        };
        await storeFindings(manager, { runId: w.id, siteId: w.site_id, inspectionId: null, findings: payload.findings });
        await enqueueEvent(manager, findingsRecorded, w.site_id, payload, 'crawl');
        await manager.query(`UPDATE probe_window SET state = 'reported', reported_at = $2 WHERE id = $1`, [w.id, now]);
        // Monitoring is continuous: the next window starts where this one ends.
        await this.planWindow(w.site_id, w.window_to, manager);
        reported++;
      }
    });
    if (reported) this.relay.kick();
    return reported;
  }
}
