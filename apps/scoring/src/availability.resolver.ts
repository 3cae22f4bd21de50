import { Args, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { availabilityParameters, loadRuleSet } from '@govinspect/rule-sets';
import { DataSource } from 'typeorm';
import { Availability, Site } from './availability.model';
import { availabilityVerdict } from './availability-window';

@Resolver(() => Site)
export class AvailabilityResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveReference()
  resolveReference(ref: { id: string }): Site {
    return { id: ref.id };
  }

  @ResolveField(() => Availability)
  async availability(
    @Parent() site: Site,
    @Args('asOf', { nullable: true, description: '监测时间点; defaults to now' }) asOf?: Date,
    @Args('ruleSet', { nullable: true, defaultValue: 'national-2019' }) ruleSetId?: string,
  ): Promise<Availability> {
    const ruleSet = loadRuleSet(ruleSetId ?? 'national-2019');
    const rule = availabilityParameters(ruleSet);
    const end = asOf ?? new Date();
    const start = new Date(end.getTime() - rule.windowDays * 86_400_000);
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE NOT voided)::int AS probes,
              count(*) FILTER (WHERE NOT voided AND NOT ok)::int AS failures,
              count(*) FILTER (WHERE voided)::int AS voided
         FROM probe_observation
        WHERE site_id = $1 AND probed_at > $2 AND probed_at <= $3`,
      [site.id, start, end],
    );
    const { ratio, verdict } = availabilityVerdict(row, rule);
    return {
      ...row,
      ratio,
      verdict,
      windowStart: start,
      asOf: end,
      vetoFailureRatio: rule.vetoFailureRatio,
      requiredProbes: rule.minProbesPerDay * rule.windowDays,
      ruleSet: `${ruleSet.id}@${ruleSet.version}`,
    };
  }
}
