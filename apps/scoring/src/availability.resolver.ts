import { Args, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { availabilityParameters, RuleSetError } from '@govinspect/rule-sets';
import { DataSource } from 'typeorm';
import { Availability, Site } from './availability.model';
import { availabilityVerdict } from './availability-window';
import { fromRuleSetError, missing } from './errors';
import { RuleSetStore } from './rule-sets/rule-set-store';

@Resolver(() => Site)
export class AvailabilityResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ruleSets: RuleSetStore,
  ) {}

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
    // Stored rule sets (uploads included), newest version of the id.
    let rule: ReturnType<typeof availabilityParameters>;
    let ruleSet: Awaited<ReturnType<RuleSetStore['load']>>;
    try {
      ruleSet = await this.ruleSets.load(ruleSetId ?? 'national-2019');
      rule = availabilityParameters(ruleSet);
    } catch (e) {
      if (e instanceof RuleSetError) throw e.classification === 'rule-set-not-found' ? missing('rule set', ruleSetId ?? '', e.classification) : fromRuleSetError(e, 'ruleSet');
      throw e;
    }
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
