import '@govinspect/service-kit';
import { findingsRecorded, inspectionRequested, probeRecorded, scorecardPublished, siteRegistered } from '@govinspect/contracts';
import { ServiceDefinition } from '@govinspect/service-kit';
import { Site } from './availability.model';
import { SCORING_MIGRATIONS } from './migrations';
import { ProbeObservationEntity } from './probe-observation.entity';
import { ScoringModule } from './scoring.module';

export { Rescorer } from './cards/rescorer';
export { RuleSetStore } from './rule-sets/rule-set-store';
export { ingestFindings, recordSite, recordInspection } from './findings/findings-ingest';
export { quarterOf } from './periods';

export { SCORING_MIGRATIONS };

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
