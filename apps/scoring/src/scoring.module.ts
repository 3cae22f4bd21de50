import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AvailabilityResolver } from './availability.resolver';
import { Rescorer } from './cards/rescorer';
import { CardResolver } from './graphql/card.resolver';
import { RuleSetResolver } from './graphql/rule-set.resolver';
import { SiteScoreCardResolver } from './graphql/site-score-card.resolver';
import { ProbeRecordedConsumer } from './probe-recorded.consumer';
import { ReviewActions } from './review/review-actions';
import { RuleSetStore } from './rule-sets/rule-set-store';
import { ScoringEventsConsumer } from './scoring-events.consumer';
import { ScoringService } from './scoring.service';

/** Rule set scoring falls back to (config `RULE_SET`); a region can be switched to an overlay by mutation. */
export const defaultRuleSetId = (env: NodeJS.ProcessEnv = process.env) => env.RULE_SET || 'national-2019';

@Module({
  providers: [
    {
      provide: RuleSetStore,
      inject: [DataSource],
      useFactory: async (ds: DataSource) => {
        const store = new RuleSetStore(ds, defaultRuleSetId());
        await store.init();
        return store;
      },
    },
    { provide: Rescorer, inject: [RuleSetStore], useFactory: (rs: RuleSetStore) => new Rescorer(rs) },
    { provide: ReviewActions, inject: [DataSource, Rescorer, RuleSetStore], useFactory: (ds: DataSource, r: Rescorer, rs: RuleSetStore) => new ReviewActions(ds, r, rs) },
    { provide: ScoringService, inject: [DataSource, RuleSetStore, Rescorer], useFactory: (ds: DataSource, rs: RuleSetStore, r: Rescorer) => new ScoringService(ds, rs, r) },
    ProbeRecordedConsumer,
    ScoringEventsConsumer,
    AvailabilityResolver,
    SiteScoreCardResolver,
    CardResolver,
    RuleSetResolver,
  ],
})
export class ScoringModule {}
