import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SampleMode {
  ALL = 'all',
  COUNT = 'count',
  SHARE = 'share',
}
registerEnumType(SampleMode, { name: 'SampleMode', description: '全部检查 / 抽取N个 / 按比例抽取' });

export enum RoundStateEnum {
  DRAFT = 'draft',
  INSPECTING = 'inspecting',
  SCORING = 'scoring',
  READY = 'ready',
  PUBLISHED = 'published',
}
registerEnumType(RoundStateEnum, { name: 'RoundState' });

@InputType()
export class PeriodInput {
  @Field({ description: '2026Q4, 2026-11 …' })
  key: string;
  @Field({ description: 'quarter | month | ad-hoc' })
  kind: string;
  @Field({ description: 'Inclusive ISO instant' })
  from: string;
  @Field({ description: 'Inclusive ISO instant' })
  to: string;
}

@InputType()
export class SampleInput {
  @Field(() => SampleMode)
  mode: SampleMode;
  @Field(() => Int, { nullable: true })
  count?: number;
  @Field(() => Float, { nullable: true, description: '0 < share ≤ 1' })
  share?: number;
  @Field({ nullable: true, description: 'Seed of the draw (default: name|period)' })
  seed?: string;
}

@InputType()
export class CreateRoundInput {
  @Field({ description: '例：2026年第四季度全市政府网站与政务新媒体检查' })
  name: string;
  @Field({ description: '检查单位，例：云溪市人民政府办公室' })
  office: string;
  @Field()
  regionCode: string;
  @Field({ nullable: true, defaultValue: true })
  includeSubRegions?: boolean;
  @Field(() => SampleInput, { nullable: true })
  sample?: SampleInput;
  @Field({ description: '监测时间点 (ISO instant with offset)' })
  asOf: string;
  @Field(() => PeriodInput)
  period: PeriodInput;
  @Field({ nullable: true, defaultValue: 'national-2019' })
  ruleSetId?: string;
  @Field({ nullable: true })
  ruleSetVersion?: string;
  @Field(() => Int, { nullable: true, description: '整改期限（工作日），默认10' })
  deadlineWorkingDays?: number;
  @Field(() => Float, { nullable: true, description: '得分较高的分数线，默认100' })
  highScoreMark?: number;
}

@ObjectType('Period')
export class PeriodModel {
  @Field()
  key: string;
  @Field()
  kind: string;
  @Field()
  from: string;
  @Field()
  to: string;
}

@ObjectType({ description: 'Counts of a round (or of one region inside it)' })
export class RoundSummary {
  @Field()
  regionCode: string;
  @Field(() => Int)
  sitesChecked: number;
  @Field(() => Int)
  sitesPassed: number;
  @Field(() => Int)
  sitesFailed: number;
  @Field(() => Float, { nullable: true })
  sitePassRate: number | null;
  @Field(() => Float, { nullable: true })
  averageScore: number | null;
  @Field(() => Int)
  accountsChecked: number;
  @Field(() => Int)
  accountsFailed: number;
  @Field(() => Int)
  rectificationTasks: number;
}

@ObjectType({ description: '附件1 row: 单位名称 | 抽查发现的突出问题 | 得分' })
export class AnnexSiteRowModel {
  @Field()
  targetId: string;
  @Field()
  unit: string;
  @Field()
  problems: string;
  @Field()
  score: string;
}

@ObjectType({ description: '附件2 row: 市直/县市区 | 抽查数量 | 不合格数量 | 合格率' })
export class AccountRegionRowModel {
  @Field()
  label: string;
  @Field(() => Int)
  checked: number;
  @Field(() => Int)
  failed: number;
  @Field()
  passRate: string;
}

@ObjectType({ description: '附件3 row: 新媒体名称 | 主办单位 | 新媒体类型 | 不合格原因' })
export class FailingAccountRowModel {
  @Field()
  name: string;
  @Field()
  hostUnit: string;
  @Field()
  type: string;
  @Field()
  reason: string;
}

@ObjectType({ description: 'The annex tables as data (the same rows the files print)' })
export class AnnexTablesModel {
  @Field(() => [AnnexSiteRowModel])
  sites: AnnexSiteRowModel[];
  @Field({ description: 'false: no new-media results yet; the account tables hold a marked placeholder' })
  accountsAvailable: boolean;
  @Field(() => [AccountRegionRowModel])
  accountsByRegion: AccountRegionRowModel[];
  @Field(() => [FailingAccountRowModel])
  failingAccounts: FailingAccountRowModel[];
}

@ObjectType('InspectionRound', { description: '检查轮次' })
export class RoundModel {
  @Field(() => ID)
  id: string;
  @Field()
  name: string;
  @Field()
  office: string;
  @Field()
  regionCode: string;
  @Field()
  includeSubRegions: boolean;
  @Field()
  sampleMode: string;
  @Field()
  asOf: string;
  @Field(() => PeriodModel)
  period: PeriodModel;
  @Field()
  ruleSetId: string;
  @Field(() => RoundStateEnum)
  state: RoundStateEnum;
  @Field()
  stateLabel: string;
  @Field(() => Int)
  deadlineWorkingDays: number;
  @Field(() => Float)
  highScoreMark: number;
  @Field(() => Int)
  targetCount: number;
  @Field(() => String, { nullable: true })
  publishDate: string | null;
  @Field(() => String, { nullable: true })
  publishedAt: string | null;
  @Field({ description: 'Path of the .docx on the reporting service (GET), e.g. /bulletins/<id>.docx' })
  bulletinUrl: string;
  @Field({ description: 'Path of the annex .xlsx on the reporting service (GET)' })
  annexUrl: string;
}

@InputType()
export class RegionInput {
  @Field()
  code: string;
  @Field()
  name: string;
  @Field({ nullable: true, description: 'province | city | county (default: from the code)' })
  level?: string;
  @Field({ nullable: true })
  parent?: string;
}
