import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SiteKind } from '@govinspect/contracts';

export enum SiteKindEnum {
  PORTAL = 'portal',
  DEPARTMENT = 'department',
  DEPARTMENT_NO_SERVICE = 'department-no-service',
}
registerEnumType(SiteKindEnum, { name: 'SiteKind', description: '门户网站 (portal), 部门网站 (department), or 部门网站（不提供服务） (department-no-service; filed by import only)' });

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

  @Field(() => String, { nullable: true, description: '承办单位' })
  operatingUnit: string | null;

  @Field(() => String, { nullable: true, description: 'ICP备案号' })
  icpNumber: string | null;

  @Field(() => String, { nullable: true, description: '公安机关备案号' })
  psbNumber: string | null;

  @Field(() => [String])
  subdomains: string[];

  @Field({ description: '运行状态: running | closed | deregistered | migrated' })
  state: string;

  @Field(() => String, { nullable: true, description: '迁移后的网址 (for migrated sites)' })
  successorUrl: string | null;

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
