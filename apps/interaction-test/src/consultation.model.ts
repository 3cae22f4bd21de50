import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Where a site stands in the consultation test (模拟咨询)' })
export class ConsultationPlan {
  @Field({ description: 'awaiting-channel: the consultation channel has not been located yet' })
  state: string;

  @Field()
  addedAt: Date;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Site {
  @Field(() => ID)
  id: string;

  @Field(() => ConsultationPlan, { nullable: true })
  consultationPlan?: ConsultationPlan | null;
}
