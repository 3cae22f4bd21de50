import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Site } from '../probe.model';

@ObjectType()
export class InspectionProgress {
  @Field(() => Int)
  total: number;
  @Field(() => Int)
  pending: number;
  @Field(() => Int)
  running: number;
  @Field(() => Int, { description: 'completed or partial' })
  done: number;
  @Field(() => Int)
  failed: number;
}

@ObjectType({ description: "One site's inspection run within an inspection" })
export class InspectionSiteRun {
  @Field(() => ID)
  runId: string;

  @Field(() => Site)
  site: Site;

  @Field({ description: 'pending, running, completed, partial, failed' })
  state: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => Int)
  pagesFetched: number;

  @Field(() => Int)
  findings: number;

  @Field(() => String, { nullable: true })
  error: string | null;
}

@ObjectType({ description: '检查: a request to inspect sites, with per-site progress' })
export class Inspection {
  @Field(() => ID)
  id: string;

  @Field({ description: 'round, recheck, manual, schedule' })
  reason: string;

  @Field({ description: '监测时间点 (asOf): every window counts back from it' })
  asOf: Date;

  @Field()
  ruleSetId: string;

  @Field({ description: 'running or completed' })
  state: string;

  @Field()
  requestedAt: Date;

  @Field(() => InspectionProgress)
  progress: InspectionProgress;

  @Field(() => [InspectionSiteRun], { description: 'One run per site in scope' })
  sites: InspectionSiteRun[];
}

@ObjectType({ description: '栏目: one column of the site inventory, as classified (or corrected by an inspector)' })
export class SiteColumn {
  @Field()
  url: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: '首页>政务公开>通知公告' })
  breadcrumb: string | null;

  @Field(() => String, { nullable: true, description: 'ColumnClass: news, notice, policy, …' })
  columnClass: string | null;

  @Field(() => Int, { nullable: true, description: '一级栏目 1, 二级栏目 2' })
  level: number | null;

  @Field(() => String, { nullable: true, description: 'Date of the newest item' })
  lastUpdated: string | null;

  @Field(() => Int, { nullable: true })
  itemCount: number | null;

  @Field({ description: 'The class or level comes from an inspector correction' })
  corrected: boolean;

  @Field({ description: '空白栏目: the column never held any item' })
  blank: boolean;

  @Field({ description: '应更新未更新: not updated within its class window at the latest inspection asOf' })
  stale: boolean;

  @Field(() => String, { nullable: true, description: "The class's freshness window from the rule set (P2W, P6M, P1Y)" })
  window: string | null;
}

@ObjectType({ description: '检查结果: one finding on a site, with its evidence' })
export class SiteFinding {
  @Field(() => ID)
  id: string;

  @Field()
  type: string;

  @Field(() => [String], { description: 'Indicators the finding type feeds (W-V2, W-D-…)' })
  indicators: string[];

  @Field()
  url: string;

  @Field(() => String, { nullable: true })
  breadcrumb: string | null;

  @Field({ description: 'Evidence text exactly as served' })
  evidence: string;

  @Field(() => String, { nullable: true, description: 'Evidence record id in the archive' })
  archiveId: string | null;

  @Field(() => String, { nullable: true, description: 'Where to download the archived page (GET, crawl service)' })
  evidenceUrl: string | null;

  @Field()
  asOf: Date;

  @Field(() => ID)
  runId: string;

  @Field(() => String, { nullable: true })
  inspectionId: string | null;

  @Field({ description: 'The finding attributes as a JSON object' })
  attributesJson: string;
}

@InputType()
export class FindingFilter {
  @Field({ nullable: true })
  type?: string;

  @Field({ nullable: true, description: 'An indicator id, e.g. W-V2' })
  indicator?: string;

  @Field(() => ID, { nullable: true })
  runId?: string;

  @Field({ nullable: true, description: 'Findings observed at or after this instant' })
  since?: Date;
}

@InputType({ description: "An inspector's correction of one column: wins over the classifier in later inspections" })
export class CorrectColumnInput {
  @Field(() => ID)
  siteId: string;

  @Field({ description: 'The column list URL as in the inventory' })
  url: string;

  @Field({ description: 'ColumnClass from the rule set (news, notice, policy, …)' })
  columnClass: string;

  @Field(() => Int, { nullable: true, description: '1 or 2' })
  level?: number;

  @Field({ nullable: true })
  note?: string;
}

@InputType()
export class InspectionOptionsInput {
  @Field({ nullable: true })
  render?: boolean;

  @Field({ nullable: true })
  ignoreRobots?: boolean;

  @Field(() => Int, { nullable: true })
  pageBudget?: number;

  @Field(() => Int, { nullable: true })
  maxDepth?: number;
}
