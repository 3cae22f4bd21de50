import '@govinspect/service-kit';
import { accountRegistered, siteRegistered } from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { AccountEntity } from './account.entity';
import { FilingImportEntity } from './filing-import.entity';
import { CreateSite1732300000100 } from './migrations/1732300000100-create-site';
import { FilingImport1732300000200 } from './migrations/1732300000200-filing-import';
import { RegistryModule } from './registry.module';
import { SiteEntity } from './site.entity';

/** The registry service: owns the site and account register, imports filing exports, announces registrations. */
export const registryService: ServiceDefinition = {
  name: 'registry',
  module: RegistryModule,
  entities: [SiteEntity, AccountEntity, FilingImportEntity],
  migrations: [CreateSite1732300000100, FilingImport1732300000200],
  produces: [siteRegistered, accountRegistered],
  consumes: [],
  // Filing exports arrive as base64 in importFiling; 70mb holds the parser's 50 MB maxBytes as base64, so its too-large error (not a bare 413) answers big files.
  bodyLimit: '70mb',
};
