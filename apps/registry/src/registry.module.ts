import { Module } from '@nestjs/common';
import { FilingImportResolver } from './filing-import.resolver';
import { FilingImportService } from './filing-import.service';
import { SiteResolver } from './site.resolver';
import { SiteRegistrationService } from './site-registration.service';

@Module({ providers: [SiteRegistrationService, SiteResolver, FilingImportService, FilingImportResolver] })
export class RegistryModule {}
