import '@govinspect/service-kit';
import { probeRecorded, siteRegistered } from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { CrawlModule } from './crawl.module';
import { CRAWL_ENTITIES } from './entities';
import { CreateProbeTables1732300000200 } from './migrations/1732300000200-create-probe-tables';
import { Site } from './probe.model';

/** The crawl service: probes and (later) crawls registered sites, and reports what it observed. */
export const crawlService: ServiceDefinition = {
  name: 'crawl',
  module: CrawlModule,
  entities: CRAWL_ENTITIES,
  migrations: [CreateProbeTables1732300000200],
  produces: [probeRecorded],
  consumes: [siteRegistered],
  orphanedTypes: [Site],
};
