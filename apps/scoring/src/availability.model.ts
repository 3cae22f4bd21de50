import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AvailabilityVerdictEnum {
  VETO = 'veto',
  PASS = 'pass',
  INSUFFICIENT_DATA = 'insufficient-data',
}
registerEnumType(AvailabilityVerdictEnum, { name: 'AvailabilityVerdict' });

@ObjectType({ description: 'W-V2 站点无法访问: probes in the window ending at asOf' })
export class Availability {
  @Field(() => Int, { description: 'Counted probes (voided ones excluded)' })
  probes: number;

  @Field(() => Int)
  failures: number;

  @Field(() => Int, { description: 'Probes our side could not make; never counted against the site' })
  voided: number;

  @Field(() => Float, { nullable: true, description: 'failures / probes' })
  ratio: number | null;

  @Field()
  windowStart: Date;

  @Field()
  asOf: Date;

  @Field(() => Float, { description: 'Veto at or above this ratio (rule-set data)' })
  vetoFailureRatio: number;

  @Field(() => Int, { description: 'Counted probes needed for a verdict (rule-set data)' })
  requiredProbes: number;

  @Field(() => AvailabilityVerdictEnum)
  verdict: string;

  @Field()
  ruleSet: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Site {
  @Field(() => ID)
  id: string;

  @Field(() => Availability)
  availability?: Availability;
}
