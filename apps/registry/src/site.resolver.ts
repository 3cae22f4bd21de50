import { Args, ID, Mutation, Parent, Query, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { SiteEntity } from './site.entity';
import { Region, RegisterSiteInput, Site } from './site.model';
import { SiteRegistrationService } from './site-registration.service';

@Resolver(() => Site)
export class SiteResolver {
  constructor(private readonly registrations: SiteRegistrationService) {}

  @Query(() => Site, { nullable: true, description: 'One registered site by id' })
  site(@Args('id', { type: () => ID }) id: string) {
    return this.registrations.findById(id);
  }

  @Query(() => [Site], { description: 'Registered sites, optionally of one region (6-digit code)' })
  sites(@Args('regionCode', { nullable: true }) regionCode?: string) {
    return this.registrations.findByRegion(regionCode);
  }

  @Mutation(() => Site, { description: 'Register a site; emits registry.site-registered' })
  registerSite(@Args('input') input: RegisterSiteInput) {
    return this.registrations.register(input);
  }

  @ResolveField(() => Region)
  region(@Parent() site: SiteEntity): Region {
    return { code: site.regionCode };
  }

  @ResolveReference()
  resolveReference(ref: { id: string }) {
    return this.registrations.findById(ref.id);
  }
}
