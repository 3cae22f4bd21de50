import { Module } from '@nestjs/common';
import { CRAWL_CONFIG, crawlConfigFromEnv } from './crawl-config';
import { ProbeResolver } from './probe.resolver';
import { ProbeWorker } from './probe-worker';
import { SiteRegisteredConsumer } from './site-registered.consumer';

@Module({
  providers: [{ provide: CRAWL_CONFIG, useFactory: () => crawlConfigFromEnv() }, ProbeWorker, SiteRegisteredConsumer, ProbeResolver],
})
export class CrawlModule {}
