import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../clock';
import { CRAWL_CONFIG, CrawlConfig } from '../crawl-config';
import { enqueueInspection } from './enqueue';
import { InspectionWorker } from './inspection-worker';

/**
 * Scheduled inspections (CRAWL_SCHEDULE_EVERY_MS, off by default): every interval, all known sites, asOf = now.
 * The inspection id is the interval's number, so several crawl workers firing for the same interval enqueue it once.
 */
@Injectable()
export class InspectionSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InspectionSchedule');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly worker: InspectionWorker,
    @Inject(CRAWL_CONFIG) private readonly config: CrawlConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap() {
    const every = this.config.scheduleEveryMs;
    if (every > 0) this.timer = setInterval(() => void this.fire().catch((e) => this.logger.error(e)), Math.min(every, 60_000));
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  /** Enqueue this interval's inspection if not yet done; returns its id (null when off or no site is known). */
  async fire(every = this.config.scheduleEveryMs): Promise<string | null> {
    if (every <= 0) return null;
    const now = this.clock.now();
    const slot = Math.floor(now.getTime() / every);
    const sites: Array<{ site_id: string }> = await this.dataSource.query(`SELECT site_id FROM crawl_site ORDER BY site_id`);
    if (!sites.length) return null;
    const inspectionId = `schedule-${every}-${slot}`;
    const start = new Date(slot * every).toISOString();
    const created = await this.dataSource.transaction((m) =>
      enqueueInspection(m, {
        inspectionId,
        reason: 'schedule',
        siteIds: sites.map((s) => s.site_id),
        includeSubRegions: true,
        asOf: now.toISOString(),
        period: { key: inspectionId, kind: 'ad-hoc', from: start, to: now.toISOString() },
        ruleSetId: this.config.ruleSetId,
      }),
    );
    if (created.created) this.worker.kick();
    return inspectionId;
  }
}
