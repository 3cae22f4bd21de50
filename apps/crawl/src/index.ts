import '@govinspect/service-kit';
import { Module } from '@nestjs/common';
import { findingsRecorded, inspectionCompleted, inspectionRequested, probeRecorded, siteRegistered } from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { CrawlModule, CrawlOverrides } from './crawl.module';
import { CRAWL_ENTITIES } from './entities';
import { CreateProbeTables1732300000200 } from './migrations/1732300000200-create-probe-tables';
import { AvailabilityAndInspections1732300000300 } from './migrations/1732300000300-availability-and-inspections';
import { Site } from './probe.model';

export { CrawlOverrides } from './crawl.module';
export { Clock, CLOCK, systemClock } from './clock';
export { CrawlConfig, crawlConfigFromEnv } from './crawl-config';
export { ProbeScheduler } from './availability/probe-scheduler';

/** The crawl service with a given clock and settings (tests); `crawlService` is the production one. */
export function createCrawlService(overrides: CrawlOverrides = {}): ServiceDefinition {
  @Module({ imports: [CrawlModule.register(overrides)] })
  class ConfiguredCrawlModule {}
  return {
    name: 'crawl',
    module: ConfiguredCrawlModule,
    entities: CRAWL_ENTITIES,
    migrations: [CreateProbeTables1732300000200, AvailabilityAndInspections1732300000300],
    produces: [probeRecorded, findingsRecorded, inspectionCompleted],
    consumes: [siteRegistered, inspectionRequested],
    orphanedTypes: [Site],
  };
}

/** The crawl service: probes, monitors (W-V2) and inspects registered sites, and reports what it observed. */
export const crawlService: ServiceDefinition = createCrawlService();
export { InspectionWorker, recheckOutcome } from './inspection/inspection-worker';
export { InspectionSchedule } from './inspection/inspection-schedule';
export { PgPageStore } from './inspection/page-store';
export { EvidenceStore } from './inspection/evidence-store';
export { enqueueInspection } from './inspection/enqueue';
