import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { REGION_CODE_PATTERN } from '@govinspect/contracts';
import { DataSource } from 'typeorm';
import { annualAssessment } from '../annual/annual';
import { invalid } from '../errors';
import { toRoundModel } from '../rounds/round.resolver';
import { regionRollup } from './rollup';
import { AnnualRowModel, AnnualWeightsInput, RegionRollupModel, RegionTrendPointModel, TargetTrendPointModel } from './trends.model';
import { regionTrend, targetTrend } from './trends';

export const checkRegion = (code: string) => {
  if (!REGION_CODE_PATTERN.test(code ?? '')) throw invalid('regionCode', `不是6位行政区划代码：${JSON.stringify(code)}`);
  return code;
};

@Resolver()
export class TrendsResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Query(() => RegionRollupModel, { description: 'County results roll up into their city, cities into the province' })
  async regionRollup(@Args('regionCode') regionCode: string, @Args('periodKey') periodKey: string) {
    const r = await regionRollup(this.dataSource.manager, checkRegion(regionCode), periodKey);
    return { ...r, rounds: r.rounds.map(toRoundModel) };
  }

  @Query(() => [RegionTrendPointModel])
  async regionTrend(@Args('regionCode') regionCode: string) {
    return regionTrend(this.dataSource.manager, checkRegion(regionCode));
  }

  @Query(() => [TargetTrendPointModel], { description: 'A site or account across periods' })
  async targetTrend(@Args('targetId') targetId: string) {
    return targetTrend(this.dataSource.manager, targetId);
  }

  @Query(() => [AnnualRowModel], { description: '年度考核 export as data (GET /annual/<regionCode>/<year>.xlsx for the sheet)' })
  async annualAssessment(
    @Args('regionCode') regionCode: string,
    @Args('year', { type: () => Int }) year: number,
    @Args('weights', { type: () => AnnualWeightsInput, nullable: true }) weights?: AnnualWeightsInput,
  ) {
    return annualAssessment(this.dataSource.manager, checkRegion(regionCode), year, weights);
  }
}
