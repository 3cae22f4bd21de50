import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SiteKind } from '@govinspect/contracts';

export enum SiteKindEnum {
  PORTAL = 'portal',
  DEPARTMENT = 'department',
}
registerEnumType(SiteKindEnum, { name: 'SiteKind', description: '门户网站 (portal) or 部门网站 (department)' });

@ObjectType({ description: '行政区划 (administrative region), keyed by its 6-digit GB/T 2260 code' })
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => ID)
  code: string;
}

@ObjectType({ description: '政府网站: a registered government website' })
@Directive('@key(fields: "id")')
export class Site {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  url: string;

  @Field({ description: '网站标识码' })
  siteCode: string;

  @Field(() => SiteKindEnum)
  kind: SiteKind;

  @Field({ description: '主办单位' })
  hostUnit: string;

  @Field(() => Region)
  region: Region;

  @Field()
  registeredAt: Date;
}

@InputType()
export class RegisterSiteInput {
  @Field()
  name: string;

  @Field()
  url: string;

  @Field({ description: '网站标识码: 10 digits, or bm + 8 digits' })
  siteCode: string;

  @Field({ description: '6-digit 行政区划代码' })
  regionCode: string;

  @Field(() => SiteKindEnum)
  kind: SiteKind;

  @Field({ description: '主办单位' })
  hostUnit: string;
}
