import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ReviewActions } from '../review/review-actions';
import { requireText, ScoringService } from '../scoring.service';
import {
  AuditEntryView,
  FindingView,
  GroupAverage,
  ManualFindingInputModel,
  ManualFindingResult,
  RankingEntry,
  RescoreResult,
  ScoreCardVersionInfo,
  ScoreCardView,
} from './card.model';
import { findingView, versionInfo } from './views';

@Resolver(() => ScoreCardView)
export class CardResolver {
  constructor(
    private readonly scoring: ScoringService,
    private readonly review: ReviewActions,
  ) {}

  @Query(() => ScoreCardView, { nullable: true, description: '评分表 of a target for a period (newest version unless one is asked for)' })
  scoreCard(
    @Args('targetId') targetId: string,
    @Args('periodKey', { description: '2026Q4, 2026-11 or an ad-hoc key' }) periodKey: string,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
  ) {
    return this.scoring.card(targetId, periodKey, version);
  }

  @ResolveField(() => [ScoreCardVersionInfo], { description: 'Every version of this card, oldest first' })
  async versions(@Parent() card: ScoreCardView): Promise<ScoreCardVersionInfo[]> {
    return (await this.scoring.versions(card.targetId, card.periodKey)).map(versionInfo);
  }

  @ResolveField(() => [FindingView], { description: 'Stored findings of the target for the period (current, with review state)' })
  async findings(@Parent() card: ScoreCardView): Promise<FindingView[]> {
    return (await this.scoring.findings(card.targetId, card.periodKey)).map(findingView);
  }

  @Query(() => [FindingView], { name: "findings", description: "Stored findings of a target for a period" })
  async findingsOf(@Args('targetId') targetId: string, @Args('periodKey') periodKey: string): Promise<FindingView[]> {
    return (await this.scoring.findings(targetId, periodKey)).map(findingView);
  }

  @Query(() => [AuditEntryView], { description: 'Audit trail of reviewer and rule actions, oldest first' })
  auditTrail(
    @Args('targetId', { nullable: true }) targetId?: string,
    @Args('periodKey', { nullable: true }) periodKey?: string,
    @Args('cardId', { nullable: true }) cardId?: string,
    @Args('limit', { type: () => Int, nullable: true }) limit?: number,
  ) {
    return this.scoring.audit({ targetId, periodKey, cardId, limit });
  }

  @Query(() => [RankingEntry], { description: '排名 within one comparison group of a region (sub-regions included)' })
  rankings(
    @Args('regionCode') regionCode: string,
    @Args('periodKey') periodKey: string,
    @Args('group', { description: 'city-department, county-portal … (TARGET_GROUP_LABELS)' }) group: string,
    @Args('publishedOnly', { defaultValue: false }) publishedOnly: boolean,
  ) {
    return this.scoring.rankings(regionCode, periodKey, group, publishedOnly);
  }

  @Query(() => [GroupAverage], { description: 'Average score per comparison group of a region (sub-regions included)' })
  groupAverages(@Args('regionCode') regionCode: string, @Args('periodKey') periodKey: string, @Args('publishedOnly', { defaultValue: false }) publishedOnly: boolean) {
    return this.scoring.groupAverages(regionCode, periodKey, publishedOnly);
  }

  // ---- review ----

  @Mutation(() => ScoreCardView, { description: 'Confirm a machine finding; returns the re-computed card' })
  async confirmFinding(@Args('findingId') findingId: string, @Args('by') by: string, @Args('reason', { nullable: true }) reason?: string) {
    return this.scoring.view(await this.review.confirm(findingId, by, reason));
  }

  @Mutation(() => ScoreCardView, { description: 'Dismiss a finding (reason required); its points are restored at once' })
  async dismissFinding(@Args('findingId') findingId: string, @Args('by') by: string, @Args('reason') reason: string) {
    return this.scoring.view(await this.review.dismiss(findingId, by, reason));
  }

  @Mutation(() => ScoreCardView, { description: 'Set the column class of a finding (e.g. a column the crawl filed as other is 动态要闻)' })
  async reclassifyFinding(@Args('findingId') findingId: string, @Args('columnClass') columnClass: string, @Args('by') by: string, @Args('reason') reason: string) {
    return this.scoring.view(await this.review.reclassify(findingId, columnClass, by, reason));
  }

  @Mutation(() => ManualFindingResult, { description: 'Add a finding a machine cannot judge (validated against the Finding schema)' })
  async addManualFinding(@Args('input') input: ManualFindingInputModel, @Args('by') by: string, @Args('reason', { nullable: true }) reason?: string): Promise<ManualFindingResult> {
    const { card, finding } = await this.review.addManual(input, by, reason);
    const stored = (await this.scoring.findings(card.target_id, card.period_key)).find((f) => f.finding_id === finding.id)!;
    return { card: await this.scoring.view(card), finding: findingView(stored) };
  }

  @Mutation(() => ScoreCardView, { description: 'draft → under review' })
  submitForReview(@Args('targetId') targetId: string, @Args('periodKey') periodKey: string, @Args('by') by: string) {
    return this.scoring.submit(targetId, periodKey, by);
  }

  @Mutation(() => ScoreCardView, { description: 'under review → published (immutable; emits scoring.scorecard-published)' })
  publishScoreCard(@Args('targetId') targetId: string, @Args('periodKey') periodKey: string, @Args('by') by: string) {
    return this.scoring.publish(targetId, periodKey, by);
  }

  @Mutation(() => [ScoreCardView], { description: 'Publish every card under review in a region (and its sub-regions) for a period' })
  publishScoreCards(
    @Args('regionCode') regionCode: string,
    @Args('periodKey') periodKey: string,
    @Args('by') by: string,
    @Args('includeDrafts', { defaultValue: false, description: 'Also submit and publish drafts nobody reviewed' }) includeDrafts: boolean,
  ) {
    return this.scoring.publishAll(regionCode, periodKey, by, includeDrafts);
  }

  @Mutation(() => [ScoreCardView], { description: 'Department without external services (75 × 4/3): an inspector sets it per site' })
  setExternalServices(@Args('targetId') targetId: string, @Args('externalServices') externalServices: boolean, @Args('by') by: string, @Args('reason') reason: string) {
    return this.scoring.setExternalServices(targetId, externalServices, by, reason);
  }

  @Mutation(() => RescoreResult, { description: 'Re-score a region period from stored findings under its current rule set' })
  rescoreRegion(@Args('regionCode') regionCode: string, @Args('periodKey') periodKey: string, @Args('by') by: string, @Args('reason') reason: string) {
    return this.scoring.rescoreRegion(regionCode, periodKey, by, reason);
  }

  @Mutation(() => RescoreResult, { description: 'Score a region (and sub-regions) with another rule set (an overlay) and re-score the period' })
  switchRegionRuleSet(
    @Args('regionCode') regionCode: string,
    @Args('ruleSetId') ruleSetId: string,
    @Args('periodKey') periodKey: string,
    @Args('by') by: string,
    @Args('reason') reason: string,
  ) {
    requireText('ruleSetId', ruleSetId);
    return this.scoring.switchRegion(regionCode, ruleSetId, periodKey, by, reason);
  }
}
