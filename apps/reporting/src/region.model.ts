import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Per-region summary of registered sites and their current reachability' })
export class RegionSummary {
  @Field(() => Int, { description: 'Registered sites in the region' })
  sites: number;

  @Field(() => Int, { description: 'Sites whose latest probe succeeded' })
  reachable: number;

  @Field(() => Int, { description: 'Sites whose latest probe failed' })
  unreachable: number;

  @Field(() => Int, { description: 'Registered sites not probed yet' })
  unprobed: number;
}

@ObjectType()
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => ID)
  code: string;

  @Field(() => RegionSummary)
  summary?: RegionSummary;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Site {
  @Field(() => ID)
  id: string;
}
