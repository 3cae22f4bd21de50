import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { REGION_CODE_PATTERN, regionWithin } from '@govinspect/contracts';
import { DataSource } from 'typeorm';
import { loadBulletin } from '../bulletin/bulletin-loader';
import { percent } from '../bulletin/chinese-format';
import { invalid } from '../errors';
import { RectificationTaskModel } from '../rectification/rectification.model';
import { TASK_STATE_LABELS, toTask } from '../rectification/rectification.store';
import { roundSummary } from '../trends/rollup';
import { AnnexTablesModel, CreateRoundInput, RoundModel, RoundStateEnum, RoundSummary } from './round.model';
import { RoundRecord } from './round.record';
import { RoundService, STATE_LABELS } from './round.service';

export const toRoundModel = (r: RoundRecord): RoundModel & { record: RoundRecord } => ({
  id: r.id,
  name: r.name,
  office: r.office,
  regionCode: r.regionCode,
  includeSubRegions: r.includeSubRegions,
  sampleMode: r.sample.mode,
  asOf: r.asOf,
  period: r.period,
  ruleSetId: r.ruleSetId,
  state: r.state as RoundStateEnum,
  stateLabel: STATE_LABELS[r.state],
  deadlineWorkingDays: r.deadlineWorkingDays,
  highScoreMark: r.highScoreMark,
  targetCount: r.targetIds.length,
  publishDate: r.publishDate,
  publishedAt: r.publishedAt,
  bulletinUrl: `/bulletins/${r.id}.docx`,
  annexUrl: `/bulletins/${r.id}.xlsx`,
  record: r,
});

type RoundParent = RoundModel & { record: RoundRecord };

@Resolver(() => RoundModel)
export class RoundResolver {
  constructor(
    private readonly service: RoundService,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => RoundModel)
  async round(@Args('id', { type: () => ID }) id: string) {
    return toRoundModel(await this.service.get(id));
  }

  @Query(() => [RoundModel], { description: 'Rounds a region sees: its own, those inside it, and those above that cover it' })
  async rounds(@Args('regionCode', { nullable: true }) regionCode?: string) {
    return (await this.service.list(regionCode)).map(toRoundModel);
  }

  @Mutation(() => RoundModel)
  async createRound(@Args('input') input: CreateRoundInput) {
    return toRoundModel(await this.service.create({ ...input, period: input.period as any, sample: input.sample as any }));
  }

  @Mutation(() => RoundModel, { description: 'Draw the targets and request their inspection' })
  async startRound(@Args('id', { type: () => ID }) id: string) {
    return toRoundModel(await this.service.start(id));
  }

  @Mutation(() => RoundModel, { description: 'Publish the bulletin (publishDate YYYY-MM-DD prints as the document date); opens rectification tasks' })
  async publishRound(@Args('id', { type: () => ID }) id: string, @Args('publishDate') publishDate: string, @Args('by') by: string) {
    return toRoundModel(await this.service.publish(id, publishDate, by));
  }

  @ResolveField(() => RoundSummary)
  async summary(@Parent() r: RoundParent) {
    return roundSummary(this.dataSource.manager, r.record);
  }

  @ResolveField(() => RoundSummary, { description: 'The round restricted to a region inside it (a city’s part of a province round)' })
  async view(@Parent() r: RoundParent, @Args('regionCode') regionCode: string) {
    if (!REGION_CODE_PATTERN.test(regionCode)) throw invalid('regionCode', `不是6位行政区划代码：${JSON.stringify(regionCode)}`);
    if (!regionWithin(regionCode, r.regionCode)) throw invalid('regionCode', `${regionCode}不在本轮检查范围${r.regionCode}内`, 'outside-round');
    return roundSummary(this.dataSource.manager, r.record, regionCode);
  }

  @ResolveField(() => AnnexTablesModel, { description: 'The annex tables as data: frozen at publication, live before' })
  async annex(@Parent() r: RoundParent): Promise<AnnexTablesModel> {
    const data = r.record.bulletin ?? (await loadBulletin(this.dataSource.manager, r.record));
    return {
      sites: data.annexSites.map((s) => ({ targetId: s.targetId, unit: s.unit, problems: s.problems, score: s.score })),
      accountsAvailable: data.accounts.available,
      accountsByRegion: data.accounts.byRegion.map((x) => ({ label: x.label, checked: x.checked, failed: x.failed, passRate: percent(x.passRate) })),
      failingAccounts: data.accounts.failing,
    };
  }

  @ResolveField(() => [RectificationTaskModel])
  async rectificationTasks(@Parent() r: RoundParent) {
    const rows = await this.dataSource.query(`SELECT * FROM rectification_task WHERE round_id = $1 ORDER BY target_name, indicator_id`, [r.id]);
    return rows.map(toTask).map((t: ReturnType<typeof toTask>) => ({ ...t, stateLabel: TASK_STATE_LABELS[t.state] }));
  }
}
