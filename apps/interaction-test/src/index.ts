import '@govinspect/service-kit';
import { siteRegistered } from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { ConsultationTargetEntity } from './consultation-target.entity';
import { Site } from './consultation.model';
import { InteractionTestModule } from './interaction-test.module';
import { CreateConsultationTarget1732300000400 } from './migrations/1732300000400-create-consultation-target';

/** The interaction-test service: poses as a citizen and times how consultation channels answer. */
export const interactionTestService: ServiceDefinition = {
  name: 'interaction-test',
  module: InteractionTestModule,
  entities: [ConsultationTargetEntity],
  migrations: [CreateConsultationTarget1732300000400],
  produces: [],
  consumes: [siteRegistered],
  orphanedTypes: [Site],
};
