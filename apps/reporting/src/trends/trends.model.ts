import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { RoundModel, RoundSummary } from '../rounds/round.model';

@ObjectType()
export class KindCountModel {
  @Field()
  kind: string;
  @Field(() => Int)
  count: number;
}

@ObjectType()
export class TargetTrendPointModel {
  @Field()
  periodKey: string;
  @Field()
  result: string;
  @Field(() => Float, { nullable: true })
  finalScore: number | null;
  @Field(() => [KindCountModel])
  findingsByKind: KindCountModel[];
  @Field(() => Int)
  tasks: number;
  @Field(() => Int)
  closed: number;
  @Field(() => Float, { nullable: true, description: 'Average days from publication to a confirmed fix' })
  averageDaysToFix: number | null;
}

@ObjectType()
export class RegionTrendPointModel {
  @Field()
  periodKey: string;
  @Field(() => RoundSummary)
  summary: RoundSummary;
  @Field(() => [KindCountModel])
  findingsByKind: KindCountModel[];
  @Field(() => Float, { nullable: true })
  averageDaysToFix: number | null;
}

@ObjectType({ description: 'A region’s results for a period, summed from the rounds that cover it' })
export class RegionRollupModel {
  @Field(() => RoundSummary)
  total: RoundSummary;
  @Field(() => [RoundSummary], { description: 'One summary per round that makes up the total' })
  parts: RoundSummary[];
  @Field(() => [RoundModel])
  rounds: RoundModel[];
}

@InputType()
export class AnnualWeightsInput {
  @Field(() => [Float], { description: 'Weights of Q1..Q4' })
  quarters: number[];
  @Field(() => Float, { description: 'Weight (0..1) of the on-time rectification share' })
  rectification: number;
}

@ObjectType()
export class QuarterResultModel {
  @Field(() => Int)
  quarter: number;
  @Field(() => Float, { nullable: true })
  score: number | null;
  @Field(() => String, { nullable: true })
  result: string | null;
}

@ObjectType({ description: '年度考核 row: one unit’s year' })
export class AnnualRowModel {
  @Field()
  targetId: string;
  @Field()
  unit: string;
  @Field()
  regionCode: string;
  @Field()
  targetKind: string;
  @Field(() => [QuarterResultModel])
  quarters: QuarterResultModel[];
  @Field(() => Int)
  tasks: number;
  @Field(() => Int)
  closed: number;
  @Field(() => Int)
  closedOnTime: number;
  @Field(() => Int)
  overdue: number;
  @Field(() => Float, { nullable: true })
  annualScore: number | null;
}
