import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Region } from './site.model';

@ObjectType({ description: '政务新媒体账号: a filed government new-media account' })
export class Account {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Platform id (libs/contracts platforms), e.g. wechat-subscription, weibo, douyin' })
  platform: string;

  @Field()
  name: string;

  @Field({ description: "The platform's own account id" })
  accountId: string;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field({ description: '主办单位' })
  hostUnit: string;

  @Field(() => String, { nullable: true, description: '运营单位' })
  operatingUnit: string | null;

  @Field(() => Region)
  region: Region;

  @Field({ description: 'filed | pending' })
  filingStatus: string;

  @Field(() => String, { nullable: true })
  filingNumber: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  openedOn: string | null;

  @Field({ description: 'text | video' })
  contentType: string;

  @Field({ description: 'running | stopped | deregistered' })
  state: string;

  @Field(() => String, { nullable: true, description: '关停公告日期 YYYY-MM-DD' })
  stopNoticeOn: string | null;
}
