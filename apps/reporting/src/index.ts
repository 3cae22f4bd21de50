import '@govinspect/service-kit';
import { probeRecorded, siteRegistered } from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { CreateRegionSite1732300000500 } from './migrations/1732300000500-create-region-site';
import { RegionSiteEntity } from './region-site.entity';
import { ReportingModule } from './reporting.module';

/** The reporting service: regional summaries now; bulletins, rectification and trends later. */
export const reportingService: ServiceDefinition = {
  name: 'reporting',
  module: ReportingModule,
  entities: [RegionSiteEntity],
  migrations: [CreateRegionSite1732300000500],
  produces: [],
  consumes: [siteRegistered, probeRecorded],
};
