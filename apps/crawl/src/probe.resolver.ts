import { randomUUID } from 'node:crypto';
import { Args, ID, Int, Mutation, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { notFound } from '@govinspect/service-kit';
import { DataSource } from 'typeorm';
import { CrawlSiteEntity, ProbeEntity, ProbeRequestEntity } from './entities';
import { Probe, Site } from './probe.model';

@Resolver(() => Site)
export class ProbeResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveReference()
  resolveReference(ref: { id: string }): Site {
    return { id: ref.id };
  }

  @ResolveField(() => Probe, { nullable: true })
  latestProbe(@Parent() site: Site) {
    return this.dataSource.getRepository(ProbeEntity).findOne({ where: { siteId: site.id }, order: { probedAt: 'DESC' } });
  }

  @ResolveField(() => [Probe])
  probes(@Parent() site: Site, @Args('limit', { type: () => Int, defaultValue: 20 }) limit: number) {
    return this.dataSource
      .getRepository(ProbeEntity)
      .find({ where: { siteId: site.id }, order: { probedAt: 'DESC' }, take: Math.min(Math.max(limit, 1), 500) });
  }

  @Mutation(() => Boolean, { description: "Queue a probe of a site's homepage now" })
  async requestProbe(@Args('siteId', { type: () => ID }) siteId: string): Promise<boolean> {
    const site = await this.dataSource.getRepository(CrawlSiteEntity).findOneBy({ siteId });
    if (!site) throw notFound('site', siteId);
    await this.dataSource.getRepository(ProbeRequestEntity).insert({
      id: randomUUID(), siteId, state: 'pending', reason: 'manual', requestedAt: new Date(), claimedAt: null,
    });
    return true;
  }
}
