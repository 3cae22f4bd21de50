import { Module } from '@nestjs/common';
import { SiteResolver } from './site.resolver';
import { SiteRegistrationService } from './site-registration.service';

@Module({ providers: [SiteRegistrationService, SiteResolver] })
export class RegistryModule {}
