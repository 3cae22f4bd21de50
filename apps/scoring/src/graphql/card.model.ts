import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: '证据: where a finding was seen and its archived page' })
export class EvidenceLink {
  @Field()
  findingId: string;

  @Field({ description: 'What the annex prints: breadcrumb (or url) plus （subject）' })
  label: string;

  @Field()
  url: string;

  @Field({ nullable: true, description: 'Id in the crawl service evidence archive' })
  archiveId?: string;

  @Field({ nullable: true, description: 'GET /evidence/:id on the crawl service' })
  evidenceUrl?: string;
}

@ObjectType()
export class CitationView {
  @Field()
  document: string;

  @Field()
  clause: string;

  @Field()
  verbatim: boolean;
}

@ObjectType({ description: '扣分 or 加分 line of a score card' })
export class ScoreLineView {
  @Field()
  indicatorId: string;

  @Field({ description: 'deduction or bonus' })
  kind: string;

  @Field()
  level1: string;

  @Field()
  level2: string;

  @Field(() => Int)
  count: number;

  @Field(() => Float, { description: 'Points per occurrence (per: occurrence) or once (per: target)' })
  points: number;

  @Field()
  per: string;

  @Field(() => Float, { description: 'Points actually deducted/added, after the cap' })
  total: number;

  @Field(() => Float, { nullable: true })
  cap: number | null;

  @Field()
  capped: boolean;

  @Field({ description: 'Official annex sentence' })
  annex: string;

  @Field()
  verified: boolean;

  @Field(() => CitationView)
  citation: CitationView;

  @Field(() => [EvidenceLink])
  evidence: EvidenceLink[];
}

@ObjectType()
export class VetoReasonView {
  @Field()
  clauseId: string;

  @Field()
  label: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: '单项否决 line' })
export class VetoLineView {
  @Field()
  indicatorId: string;

  @Field()
  level1: string;

  @Field()
  level2: string;

  @Field(() => [VetoReasonView])
  reasons: VetoReasonView[];

  @Field()
  annex: string;

  @Field()
  verified: boolean;

  @Field(() => CitationView)
  citation: CitationView;

  @Field(() => [EvidenceLink])
  evidence: EvidenceLink[];
}

@ObjectType({ description: 'The two annex cells: 抽查发现的突出问题 and 得分' })
export class AnnexCells {
  @Field()
  problems: string;

  @Field()
  score: string;
}

@ObjectType()
export class PeriodView {
  @Field()
  key: string;

  @Field({ description: 'quarter, month or ad-hoc' })
  kind: string;

  @Field()
  from: Date;

  @Field()
  to: Date;
}

@ObjectType({ description: '检查结果 as stored for scoring, with its review' })
export class FindingView {
  @Field(() => ID)
  id: string;

  @Field()
  type: string;

  @Field({ description: 'Chinese name of the finding type' })
  typeLabel: string;

  @Field({ description: 'machine or manual' })
  source: string;

  @Field()
  asOf: Date;

  @Field()
  url: string;

  @Field({ nullable: true })
  breadcrumb?: string;

  @Field()
  evidenceText: string;

  @Field({ nullable: true })
  archiveId?: string;

  @Field({ nullable: true })
  evidenceUrl?: string;

  @Field({ description: 'Finding attributes as a JSON object' })
  attributes: string;

  @Field({ nullable: true, description: 'Column class a reviewer set (overrides the crawl\'s)' })
  columnClassOverride?: string;

  @Field({ description: 'pending, confirmed or dismissed' })
  reviewState: string;

  @Field({ nullable: true })
  reviewBy?: string;

  @Field({ nullable: true })
  reviewAt?: Date;

  @Field({ nullable: true })
  reviewNote?: string;

  @Field({ nullable: true })
  runId?: string;

  @Field({ nullable: true })
  inspectionId?: string;
}

@ObjectType({ description: 'One version of a score card' })
export class ScoreCardVersionInfo {
  @Field(() => Int)
  version: number;

  @Field({ description: 'draft, under-review, published or superseded' })
  state: string;

  @Field()
  ruleSetId: string;

  @Field()
  ruleSetVersion: string;

  @Field()
  result: string;

  @Field(() => Float, { nullable: true })
  finalScore: number | null;

  @Field()
  createdAt: Date;

  @Field()
  createdBy: string;

  @Field({ nullable: true, description: 'Why this version replaced the previous one' })
  changeReason?: string;

  @Field({ nullable: true })
  publishedAt?: Date;

  @Field({ nullable: true })
  publishedBy?: string;
}

@ObjectType({ description: '评分表: one target in one period, one version' })
export class ScoreCardView extends ScoreCardVersionInfo {
  @Field(() => ID)
  cardId: string;

  @Field(() => ID)
  targetId: string;

  @Field({ description: 'site or account' })
  targetKind: string;

  @Field({ description: 'portal, department, department-no-external-services or account' })
  targetClass: string;

  @Field({ nullable: true })
  targetName?: string;

  @Field({ nullable: true })
  regionCode?: string;

  @Field({ nullable: true, description: 'Comparison group (city-department …)' })
  group?: string;

  @Field()
  periodKey: string;

  @Field(() => PeriodView)
  period: PeriodView;

  @Field({ description: '监测时间点' })
  asOf: Date;

  @Field({ nullable: true })
  inspectionId?: string;

  @Field()
  resultLabel: string;

  @Field(() => Float, { nullable: true })
  baseScore: number | null;

  @Field(() => Float, { nullable: true })
  deductionTotal: number | null;

  @Field(() => Float, { nullable: true })
  bonusTotal: number | null;

  @Field(() => Float, { nullable: true })
  passMark: number | null;

  @Field()
  bonusEligible: boolean;

  @Field(() => [VetoLineView])
  vetoes: VetoLineView[];

  @Field(() => [ScoreLineView])
  deductions: ScoreLineView[];

  @Field(() => [ScoreLineView])
  bonuses: ScoreLineView[];

  @Field(() => AnnexCells)
  annex: AnnexCells;

  @Field({ nullable: true })
  submittedAt?: Date;

  @Field({ nullable: true })
  submittedBy?: string;

  @Field()
  updatedAt: Date;

  @Field(() => [String], { description: 'Findings no applicable indicator counted' })
  unusedFindingIds: string[];

  @Field(() => [String], { description: 'Findings left out (dismissed, out of period, de-duplicated), as id:reason' })
  excludedFindings: string[];
}

@ObjectType()
export class AuditEntryView {
  @Field(() => ID)
  seq: string;

  @Field()
  at: Date;

  @Field()
  actor: string;

  @Field()
  action: string;

  @Field({ nullable: true })
  targetId?: string;

  @Field({ nullable: true })
  periodKey?: string;

  @Field({ nullable: true })
  cardId?: string;

  @Field(() => Int, { nullable: true })
  cardVersion?: number;

  @Field({ nullable: true })
  findingId?: string;

  @Field({ nullable: true })
  reason?: string;

  @Field({ description: 'JSON object' })
  details: string;
}

@ObjectType({ description: '排名 entry' })
export class RankingEntry {
  @Field(() => Int)
  rank: number;

  @Field(() => ID)
  targetId: string;

  @Field({ nullable: true })
  targetName?: string;

  @Field()
  regionCode: string;

  @Field()
  group: string;

  @Field()
  groupLabel: string;

  @Field()
  result: string;

  @Field()
  resultLabel: string;

  @Field(() => Float, { nullable: true })
  finalScore: number | null;

  @Field(() => Int)
  version: number;

  @Field()
  state: string;
}

@ObjectType({ description: 'Average of one comparison group' })
export class GroupAverage {
  @Field()
  group: string;

  @Field()
  groupLabel: string;

  @Field(() => Int)
  cards: number;

  @Field(() => Int, { description: 'Cards with a score (not vetoed)' })
  scored: number;

  @Field(() => Int)
  vetoed: number;

  @Field(() => Int)
  failed: number;

  @Field(() => Int)
  passed: number;

  @Field(() => Float, { nullable: true, description: 'Mean final score of the scored cards, one decimal' })
  averageScore: number | null;
}

@ObjectType()
export class RescoreResult {
  @Field(() => Int)
  targets: number;

  @Field(() => Int, { description: 'New versions created' })
  created: number;

  @Field(() => Int, { description: 'Unpublished versions updated in place' })
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int, { description: 'Targets not scorable yet (not registered)' })
  waiting: number;
}

@InputType('ManualFindingInput', { description: 'A finding a reviewer adds (人工检查结果)' })
export class ManualFindingInputModel {
  @Field()
  targetId: string;

  @Field()
  periodKey: string;

  @Field({ description: 'A finding type (FINDING_TYPES), e.g. wording-error' })
  type: string;

  @Field()
  url: string;

  @Field({ nullable: true })
  breadcrumb?: string;

  @Field()
  evidenceText: string;

  @Field({ nullable: true })
  archiveId?: string;

  @Field({ nullable: true, description: 'JSON object of attributes, e.g. {"subject":"…"}' })
  attributes?: string;

  @Field({ nullable: true, description: 'Defaults to the card\'s monitoring time point' })
  asOf?: string;
}

@ObjectType()
export class ManualFindingResult {
  @Field(() => FindingView)
  finding: FindingView;

  @Field(() => ScoreCardView)
  card: ScoreCardView;
}
