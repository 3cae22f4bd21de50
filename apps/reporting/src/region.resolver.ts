import { Parent, Query, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Region, RegionSummary } from './region.model';

@Resolver(() => Region)
export class RegionResolver {
  constructor(private readonly dataSource: DataSource) {}

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
}
