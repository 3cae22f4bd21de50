import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { compareVersions } from '@govinspect/rule-sets';
import { invalidInput } from '../errors';
import { RuleSetVersionRow } from '../rule-sets/rule-set-store';
import { ScoringService } from '../scoring.service';
import { RuleSetDiffView, RuleSetSummary, RuleSetVersionView, RuleSetView } from './rule-set.model';
import { diffView, ruleSetView } from './views';

const versionView = (r: RuleSetVersionRow): RuleSetVersionView => ({
  id: r.id,
  version: r.version,
  name: r.name,
  effectiveDate: r.effectiveDate,
  extends: r.extendsId ? `${r.extendsId}@${r.extendsVersion}` : undefined,
  hash: r.hash,
  origin: r.origin,
  storedBy: r.storedBy,
  storedAt: r.storedAt,
});

@Resolver()
export class RuleSetResolver {
  constructor(private readonly scoring: ScoringService) {}

  @Query(() => [RuleSetSummary], { description: '规则集 stored in the scoring service, with their versions' })
  async ruleSets(): Promise<RuleSetSummary[]> {
    const rows = await this.scoring.ruleSets.list();
    const byId = new Map<string, RuleSetVersionRow[]>();
    for (const r of rows) (byId.get(r.id) ?? byId.set(r.id, []).get(r.id)!).push(r);
    return [...byId.entries()].map(([id, vs]) => {
      vs.sort((a, b) => compareVersions(a.version, b.version));
      const latest = vs[vs.length - 1];
      return { id, name: latest.name, latestVersion: latest.version, versions: vs.map(versionView) };
    });
  }

  @Query(() => RuleSetView, { description: 'A rule set resolved (overlay merged onto its base): indicators, windows, points, caps, citations' })
  async ruleSet(@Args('id') id: string, @Args('version', { nullable: true, description: 'Newest when omitted' }) version?: string): Promise<RuleSetView> {
    return ruleSetView(await this.scoring.loadRuleSet(id, version));
  }

  @Query(() => RuleSetDiffView, { description: 'What `to` changes relative to `from` (each `id` or `id@version`)' })
  async ruleSetDiff(@Args('from') from: string, @Args('to') to: string): Promise<RuleSetDiffView> {
    return diffView(await this.scoring.diff(from, to));
  }

  @Query(() => String, { description: 'Rule set id a region is scored with (its own switch, else its parent\'s, else RULE_SET)' })
  regionRuleSet(@Args('regionCode') regionCode: string): Promise<string> {
    return this.scoring.ruleSets.ruleSetIdForRegion(regionCode);
  }

  @Mutation(() => RuleSetVersionView, { description: 'Store a new rule-set version (YAML or JSON), validated by the rule-set schema; stored versions are immutable' })
  async uploadRuleSet(
    @Args('document') document: string,
    @Args('by') by: string,
    @Args('format', { nullable: true, description: 'yaml or json; detected when omitted' }) format?: string,
  ): Promise<RuleSetVersionView> {
    if (format && format !== 'yaml' && format !== 'json') throw invalidInput('format', 'must be yaml or json', 'format-unknown');
    const { row } = await this.scoring.upload(document, format as 'yaml' | 'json' | undefined, by);
    return versionView(row);
  }
}
