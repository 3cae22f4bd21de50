import { Module } from '@nestjs/common';
import { ConsultationResolver } from './consultation.resolver';
import { SiteRegisteredConsumer } from './site-registered.consumer';

@Module({ providers: [SiteRegisteredConsumer, ConsultationResolver] })
export class InteractionTestModule {}
