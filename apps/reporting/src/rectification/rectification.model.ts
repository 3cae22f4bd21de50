import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class EvidenceRefModel {
  @Field()
  findingId: string;
  @Field({ description: 'Breadcrumb (or url) plus （subject）, as the annex prints it' })
  label: string;
  @Field()
  url: string;
}

@ObjectType({ description: 'One state change of a rectification task' })
export class TaskTransitionModel {
  @Field(() => String, { nullable: true })
  fromState: string | null;
  @Field()
  toState: string;
  @Field()
  at: string;
  @Field()
  actor: string;
  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType('RectificationTask', { description: '整改任务: one problem of one failing target in a published round' })
export class RectificationTaskModel {
  @Field(() => ID)
  id: string;
  @Field()
  roundId: string;
  @Field()
  targetId: string;
  @Field()
  targetKind: string;
  @Field()
  targetName: string;
  @Field()
  regionCode: string;
  @Field()
  indicatorId: string;
  @Field({ description: 'Kind of problem (indicator level 2)' })
  level2: string;
  @Field({ description: 'The score card’s official sentence' })
  problem: string;
  @Field(() => [EvidenceRefModel])
  evidence: EvidenceRefModel[];
  @Field(() => String, { nullable: true })
  findingType: string | null;
  @Field({ description: 'open | fixed-reported | rechecking | closed | reopened' })
  state: string;
  @Field()
  stateLabel: string;
  @Field()
  deadline: string;
  @Field({ description: 'The same target and indicator were reported in an earlier round' })
  repeat: boolean;
  @Field(() => String, { nullable: true })
  fixNote: string | null;
  @Field()
  openedAt: string;
  @Field(() => String, { nullable: true })
  closedAt: string | null;
  @Field(() => String, { nullable: true })
  overdueAt: string | null;
  @Field(() => Int)
  rechecks: number;
}
