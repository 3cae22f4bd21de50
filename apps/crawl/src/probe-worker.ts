import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from '@govinspect/messaging';
import { OUTBOX_RELAY } from '@govinspect/service-kit';
import { createDispatcher, probe } from '@govinspect/web-fetch';
import { DataSource } from 'typeorm';
import { Agent } from 'undici';
import { recordProbe } from './availability/record-probe';
import { CLOCK, Clock } from './clock';
import { CRAWL_CONFIG, CrawlConfig } from './crawl-config';
import { CrawlSiteEntity, ProbeRequestEntity } from './entities';

/**
 * Claims queued probe requests (SKIP LOCKED, so several crawl workers share the queue), probes concurrently, and
 * records each result with its `crawl.probe-recorded` event in one transaction.
 */
@Injectable()
export class ProbeWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProbeWorker');
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private dispatcher: Agent;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(CRAWL_CONFIG) private readonly config: CrawlConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.dispatcher = createDispatcher({ policy: config.policy, insecureTls: config.insecureTls, caCertPem: config.caCertPem });
  }

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.tick().catch((e) => this.logger.error(e)), this.config.pollMs);
  }

  async onApplicationShutdown() {
    this.stopping = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
    await this.dispatcher.close();
  }

  /** Claim as many requests as there are free slots; re-queue claims a crashed worker abandoned. */
  async tick(): Promise<void> {
    if (this.stopping) return;
    const free = this.config.probeConcurrency - this.inFlight.size;
    if (free <= 0) return;
    // TypeORM returns [rows, affectedCount] for UPDATE … RETURNING on Postgres.
    const [claimed]: [Array<{ id: string; site_id: string }>, number] = await this.dataSource.query(
      `UPDATE probe_request SET state = 'running', claimed_at = now()
        WHERE id IN (
          SELECT id FROM probe_request
           WHERE state = 'pending'
              OR (state = 'running' AND claimed_at < now() - make_interval(secs => $2::double precision / 1000))
           ORDER BY requested_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, site_id`,
      [free, this.config.staleClaimMs],
    );
    for (const row of claimed) {
      const job = this.run(row.id, row.site_id).finally(() => this.inFlight.delete(job));
      this.inFlight.add(job);
    }
  }

  private async run(requestId: string, siteId: string): Promise<void> {
    const site = await this.dataSource.getRepository(CrawlSiteEntity).findOneByOrFail({ siteId });
    const probedAt = this.clock.now();
    const outcome = await probe(site.url, { dispatcher: this.dispatcher, timeoutMs: this.config.probeTimeoutMs });
    await this.dataSource.transaction(async (manager) => {
      await recordProbe(manager, { siteId, regionCode: site.regionCode, url: site.url, probedAt, outcome });
      await manager.update(ProbeRequestEntity, { id: requestId }, { state: 'done' });
    });
    this.relay.kick();
  }
}
