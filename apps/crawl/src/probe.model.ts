import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One availability probe of a homepage (W-V2 input)' })
export class Probe {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field()
  probedAt: Date;

  @Field({ description: 'A page arrived within the limit with a 2xx status' })
  ok: boolean;

  @Field(() => Int, { nullable: true })
  httpStatus: number | null;

  @Field(() => Int, { description: 'Elapsed milliseconds until the page arrived or the probe gave up' })
  ms: number;

  @Field(() => String, { nullable: true, description: 'dns, refused, reset, tls, timeout, http-status, guarded, other' })
  failure: string | null;

  @Field(() => String, { nullable: true, description: 'The error as observed, for evidence' })
  detail: string | null;

  @Field({ description: 'Our side could not make the probe; it does not count against the site' })
  voided: boolean;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Site {
  @Field(() => ID)
  id: string;

  @Field(() => Probe, { nullable: true, description: 'The most recent homepage probe' })
  latestProbe?: Probe | null;

  @Field(() => [Probe], { description: 'Recent homepage probes, newest first' })
  probes?: Probe[];
}
