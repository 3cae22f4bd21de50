import '@govinspect/service-kit';
import { findingsRecorded, inspectionRequested, probeRecorded, scorecardPublished, siteRegistered } from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { Site } from './availability.model';
import { CreateProbeObservation1732300000300 } from './migrations/1732300000300-create-probe-observation';
import { CreateScoringCards1732300000310 } from './migrations/1732300000310-create-scoring-cards';
import { ProbeObservationEntity } from './probe-observation.entity';
import { ScoringModule } from './scoring.module';

export { Rescorer } from './cards/rescorer';
export { RuleSetStore } from './rule-sets/rule-set-store';
export { ingestFindings, recordSite, recordInspection } from './findings/findings-ingest';
export { quarterOf } from './periods';

export const SCORING_MIGRATIONS = [CreateProbeObservation1732300000300, CreateScoringCards1732300000310];

/** The scoring service: rule sets, findings, versioned score cards with human review, rankings. */
export const scoringService: ServiceDefinition = {
  name: 'scoring',
  module: ScoringModule,
  entities: [ProbeObservationEntity],
  migrations: SCORING_MIGRATIONS,
  produces: [scorecardPublished],
  consumes: [probeRecorded, findingsRecorded, siteRegistered, inspectionRequested],
  orphanedTypes: [Site],
};
