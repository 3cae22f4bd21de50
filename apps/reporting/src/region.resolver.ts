import { Args, Int, Mutation, Parent, Query, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { invalid } from './errors';
import { Region, RegionSummary } from './region.model';
import { RoundModel } from './rounds/round.model';
import { RegionInput } from './rounds/round.model';
import { toRoundModel } from './rounds/round.resolver';
import { RoundService } from './rounds/round.service';
import { regionRollup } from './trends/rollup';
import { RegionRollupModel, RegionTrendPointModel } from './trends/trends.model';
import { regionTrend } from './trends/trends';
import { checkRegion } from './trends/trends.resolver';
import { REGION_CODE_PATTERN, regionLevel } from '@govinspect/contracts';

@Resolver(() => Region)
export class RegionResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
  ) {}

  @ResolveReference()
  resolveReference(ref: { code: string }): Region {
    return { code: ref.code };
  }

  @Query(() => [Region], { description: 'Regions that have registered sites' })
  async regions(): Promise<Region[]> {
    const rows: Array<{ region_code: string }> = await this.dataSource.query(
      `SELECT DISTINCT region_code FROM region_site WHERE registered ORDER BY region_code`,
    );
    return rows.map((r) => ({ code: r.region_code }));
  }

  @ResolveField(() => RegionSummary)
  async summary(@Parent() region: Region): Promise<RegionSummary> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS sites,
              count(*) FILTER (WHERE last_ok)::int AS reachable,
              count(*) FILTER (WHERE last_ok = false)::int AS unreachable,
              count(*) FILTER (WHERE last_ok IS NULL)::int AS unprobed
         FROM region_site WHERE region_code = $1 AND registered`,
      [region.code],
    );
    return row;
  }

  @ResolveField(() => String, { description: 'Region name (the code itself when nobody named it)' })
  async regionName(@Parent() region: Region): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT name FROM region WHERE code = $1`, [region.code]);
    return row?.name ?? region.code;
  }

  @ResolveField(() => [RoundModel], { description: 'Inspection rounds this region sees' })
  async inspectionRounds(@Parent() region: Region) {
    return (await this.rounds.list(region.code)).map(toRoundModel);
  }

  @ResolveField(() => RegionRollupModel)
  async rollup(@Parent() region: Region, @Args('periodKey') periodKey: string) {
    const r = await regionRollup(this.dataSource.manager, checkRegion(region.code), periodKey);
    return { ...r, rounds: r.rounds.map(toRoundModel) };
  }

  @ResolveField(() => [RegionTrendPointModel])
  async trend(@Parent() region: Region) {
    return regionTrend(this.dataSource.manager, checkRegion(region.code));
  }

  @Mutation(() => Int, { description: 'Name regions (code, name, level, parent); returns how many were stored' })
  async upsertRegions(@Args('regions', { type: () => [RegionInput] }) regions: RegionInput[]): Promise<number> {
    const rows = regions.map((r, i) => {
      if (!REGION_CODE_PATTERN.test(r.code ?? '')) throw invalid(`regions[${i}].code`, `不是6位行政区划代码：${JSON.stringify(r.code)}`);
      if (!r.name?.trim()) throw invalid(`regions[${i}].name`, '请填写地区名称');
      const level = r.level ?? regionLevel(r.code);
      if (level !== regionLevel(r.code)) throw invalid(`regions[${i}].level`, `代码${r.code}的级别是${regionLevel(r.code)}`);
      if (r.parent && !REGION_CODE_PATTERN.test(r.parent)) throw invalid(`regions[${i}].parent`, '不是6位行政区划代码');
      return { ...r, level };
    });
    await this.dataSource.transaction(async (m) => {
      for (const r of rows) {
        await m.query(
          `INSERT INTO region (code, name, level, parent) VALUES ($1, $2, $3, $4)
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent = EXCLUDED.parent`,
          [r.code, r.name.trim(), r.level, r.parent ?? null],
        );
      }
    });
    return rows.length;
  }
}
