import '@govinspect/service-kit';
import {
  inspectionCompleted,
  inspectionRequested,
  probeRecorded,
  rectificationOverdue,
  roundPublished,
  scorecardPublished,
  siteRegistered,
} from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { CreateRegionSite1732300000500 } from './migrations/1732300000500-create-region-site';
import { CreateReportingTables1732300000600 } from './migrations/1732300000600-create-reporting-tables';
import { Site } from './region.model';
import { RegionSiteEntity } from './region-site.entity';
import { ReportingModule } from './reporting.module';

/** The reporting service: rounds, bulletins (通报) with annexes, rectification and recheck, trends, annual export. */
export const reportingService: ServiceDefinition = {
  name: 'reporting',
  module: ReportingModule,
  entities: [RegionSiteEntity],
  migrations: [CreateRegionSite1732300000500, CreateReportingTables1732300000600],
  produces: [inspectionRequested, roundPublished, rectificationOverdue],
  consumes: [siteRegistered, probeRecorded, scorecardPublished, inspectionCompleted],
  orphanedTypes: [Site],
};

export { computeBulletin } from './bulletin/bulletin-data';
export type { BulletinData } from './bulletin/bulletin-data';
