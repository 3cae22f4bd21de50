import '@govinspect/service-kit';
import { siteRegistered } from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { CreateSite1732300000100 } from './migrations/1732300000100-create-site';
import { RegistryModule } from './registry.module';
import { SiteEntity } from './site.entity';

/** The registry service: owns the site register and announces registrations. */
export const registryService: ServiceDefinition = {
  name: 'registry',
  module: RegistryModule,
  entities: [SiteEntity],
  migrations: [CreateSite1732300000100],
  produces: [siteRegistered],
  consumes: [],
};
