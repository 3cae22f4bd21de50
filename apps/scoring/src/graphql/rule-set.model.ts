import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { CitationView } from './card.model';

@ObjectType({ description: 'A stored rule-set version (immutable)' })
export class RuleSetVersionView {
  @Field()
  id: string;

  @Field()
  version: string;

  @Field()
  name: string;

  @Field()
  effectiveDate: string;

  @Field({ nullable: true, description: 'Parent of an overlay: id@version' })
  extends?: string;

  @Field({ description: 'sha256 of the canonical JSON document' })
  hash: string;

  @Field({ description: 'repository or upload' })
  origin: string;

  @Field()
  storedBy: string;

  @Field()
  storedAt: Date;
}

@ObjectType()
export class RuleSetSummary {
  @Field()
  id: string;

  @Field()
  name: string;

  @Field()
  latestVersion: string;

  @Field(() => [RuleSetVersionView])
  versions: RuleSetVersionView[];
}

@ObjectType({ description: 'A named rule parameter with its provenance' })
export class RuleParamView {
  @Field()
  name: string;

  @Field({ description: 'JSON value' })
  value: string;

  @Field({ nullable: true })
  unit?: string;

  @Field()
  verified: boolean;

  @Field(() => CitationView, { nullable: true })
  citation?: CitationView;
}

@ObjectType({ description: 'A window or threshold an indicator applies, resolved against the column classes' })
export class IndicatorCondition {
  @Field({ description: 'compare, elapsed or within' })
  kind: string;

  @Field({ description: 'Readable form, e.g. lastUpdated older than P2W (news.window)' })
  text: string;

  @Field({ nullable: true, description: 'Window duration (P2W, P6M) when the condition has one' })
  window?: string;
}

@ObjectType()
export class VetoClauseView {
  @Field()
  id: string;

  @Field()
  label: string;

  @Field(() => [String])
  findingTypes: string[];

  @Field({ description: 'Occurrences needed (number or param name)' })
  minCount: string;

  @Field(() => [IndicatorCondition])
  conditions: IndicatorCondition[];
}

@ObjectType({ description: '检查指标' })
export class IndicatorView {
  @Field()
  id: string;

  @Field({ description: 'veto, deduction or bonus' })
  kind: string;

  @Field()
  level1: string;

  @Field()
  level2: string;

  @Field(() => [String], { description: 'portal, department, department-no-external-services, account' })
  appliesTo: string[];

  @Field(() => [String])
  findingTypes: string[];

  @Field(() => [IndicatorCondition], { description: 'Windows and thresholds' })
  conditions: IndicatorCondition[];

  @Field(() => [RuleParamView])
  params: RuleParamView[];

  @Field(() => Float, { nullable: true })
  points?: number;

  @Field({ nullable: true, description: 'occurrence or target' })
  per?: string;

  @Field(() => Float, { nullable: true })
  cap?: number;

  @Field({ nullable: true })
  countBy?: string;

  @Field(() => [String], { description: 'De-duplication: columns already counted by these indicators are not counted again' })
  dedupSkipColumnsCountedBy: string[];

  @Field(() => [VetoClauseView])
  clauses: VetoClauseView[];

  @Field(() => CitationView)
  citation: CitationView;

  @Field()
  verified: boolean;

  @Field(() => [String])
  unverifiedFields: string[];

  @Field()
  annexTemplate: string;
}

@ObjectType({ description: 'Scoring-level parameters' })
export class ScoringParamsView {
  @Field(() => Float)
  fullMarks: number;

  @Field(() => Float)
  passMark: number;

  @Field(() => Float)
  bonusEntryMark: number;

  @Field()
  bonusEntryStrict: boolean;

  @Field(() => Float)
  bonusCap: number;

  @Field(() => [String])
  bonusAppliesTo: string[];

  @Field(() => [String], { description: 'Departments without external services: level-1 categories left out' })
  noExternalServicesExcludedLevel1: string[];

  @Field(() => Float)
  noExternalServicesRemainingMarks: number;

  @Field({ description: 'e.g. 4/3' })
  noExternalServicesMultiplier: string;

  @Field({ nullable: true, description: 'New-media point scale as fullMarks/passMark; null = pass/fail by vetoes' })
  accountPointScale?: string;

  @Field(() => [RuleParamView])
  all: RuleParamView[];
}

@ObjectType()
export class ColumnClassView {
  @Field()
  id: string;

  @Field()
  name: string;

  @Field({ nullable: true })
  window?: string;

  @Field({ nullable: true })
  lookback?: string;

  @Field({ nullable: true })
  feedback?: string;

  @Field()
  verified: boolean;
}

@ObjectType({ description: 'A resolved rule set (overlays merged onto their base)' })
export class RuleSetView {
  @Field()
  id: string;

  @Field()
  version: string;

  @Field()
  name: string;

  @Field()
  effectiveDate: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => [String], { description: 'Base first, e.g. national-2019@1.0.0, city-2022@1.0.0' })
  lineage: string[];

  @Field(() => ScoringParamsView)
  scoring: ScoringParamsView;

  @Field(() => [ColumnClassView])
  columnClasses: ColumnClassView[];

  @Field(() => [IndicatorView])
  indicators: IndicatorView[];

  @Field(() => Int)
  indicatorCount: number;
}

@ObjectType()
export class FieldChangeView {
  @Field()
  path: string;

  @Field({ nullable: true, description: 'JSON' })
  before?: string;

  @Field({ nullable: true, description: 'JSON' })
  after?: string;
}

@ObjectType()
export class IndicatorChangeView {
  @Field()
  id: string;

  @Field(() => [FieldChangeView])
  changes: FieldChangeView[];
}

@ObjectType({ description: 'What one rule set changes relative to another' })
export class RuleSetDiffView {
  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => [FieldChangeView])
  header: FieldChangeView[];

  @Field(() => [FieldChangeView])
  scoring: FieldChangeView[];

  @Field(() => [String])
  indicatorsAdded: string[];

  @Field(() => [String])
  indicatorsRemoved: string[];

  @Field(() => [IndicatorChangeView])
  indicatorsChanged: IndicatorChangeView[];

  @Field(() => [String])
  columnClassesAdded: string[];

  @Field(() => [String])
  columnClassesRemoved: string[];

  @Field(() => [IndicatorChangeView])
  columnClassesChanged: IndicatorChangeView[];

  @Field({ description: 'One line per change, for review' })
  text: string;
}
