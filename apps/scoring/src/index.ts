import '@govinspect/service-kit';
import { probeRecorded } from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { Site } from './availability.model';
import { CreateProbeObservation1732300000300 } from './migrations/1732300000300-create-probe-observation';
import { ProbeObservationEntity } from './probe-observation.entity';
import { ScoringModule } from './scoring.module';

/** The scoring service: turns observations and findings into indicator verdicts and score cards. */
export const scoringService: ServiceDefinition = {
  name: 'scoring',
  module: ScoringModule,
  entities: [ProbeObservationEntity],
  migrations: [CreateProbeObservation1732300000300],
  produces: [],
  consumes: [probeRecorded],
  orphanedTypes: [Site],
};
