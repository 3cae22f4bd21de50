import { DynamicModule, Module } from '@nestjs/common';
import { ProbeScheduler } from './availability/probe-scheduler';
import { SelfCheck } from './availability/self-check';
import { CLOCK, Clock, systemClock } from './clock';
import { CRAWL_CONFIG, CrawlConfig, crawlConfigFromEnv } from './crawl-config';
import { EvidenceController, EvidenceLinks } from './inspection/evidence.controller';
import { EvidenceStore } from './inspection/evidence-store';
import { InspectionRequestedConsumer } from './inspection/inspection-requested.consumer';
import { InspectionResolver, SiteInspectionResolver } from './inspection/inspection.resolver';
import { InspectionSchedule } from './inspection/inspection-schedule';
import { InspectionWorker } from './inspection/inspection-worker';
import { ProbeResolver } from './probe.resolver';
import { ProbeWorker } from './probe-worker';
import { SiteRegisteredConsumer } from './site-registered.consumer';

export interface CrawlOverrides {
  /** The service clock (default: the wall clock). Tests pass simweb's SimClock. */
  clock?: Clock;
  /** Settings over those read from the environment. */
  config?: Partial<CrawlConfig>;
}

const FEATURES = [
  ProbeWorker,
  ProbeScheduler,
  SelfCheck,
  SiteRegisteredConsumer,
  ProbeResolver,
  EvidenceStore,
  EvidenceLinks,
  InspectionWorker,
  InspectionSchedule,
  InspectionRequestedConsumer,
  InspectionResolver,
  SiteInspectionResolver,
];

@Module({})
export class CrawlModule {
  static register(overrides: CrawlOverrides = {}): DynamicModule {
    return {
      module: CrawlModule,
      controllers: [EvidenceController],
      providers: [
        { provide: CRAWL_CONFIG, useFactory: () => ({ ...crawlConfigFromEnv(), ...overrides.config }) },
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        ...FEATURES,
      ],
    };
  }
}
