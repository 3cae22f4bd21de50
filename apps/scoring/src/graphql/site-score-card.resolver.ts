import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Site } from '../availability.model';
import { ScoringService } from '../scoring.service';
import { ScoreCardView } from './card.model';

/** `Site.scoreCard(periodKey)` on the federated Site entity. */
@Resolver(() => Site)
export class SiteScoreCardResolver {
  constructor(private readonly scoring: ScoringService) {}

  @ResolveField(() => ScoreCardView, { nullable: true, description: 'Newest version of the site\'s score card for the period' })
  scoreCard(@Parent() site: Site, @Args('periodKey') periodKey: string) {
    return this.scoring.card(site.id, periodKey);
  }
}
