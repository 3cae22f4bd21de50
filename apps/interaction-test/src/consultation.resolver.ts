import { Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { ConsultationTargetEntity } from './consultation-target.entity';
import { ConsultationPlan, Site } from './consultation.model';

@Resolver(() => Site)
export class ConsultationResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveReference()
  resolveReference(ref: { id: string }): Site {
    return { id: ref.id };
  }

  @ResolveField(() => ConsultationPlan, { nullable: true })
  async consultationPlan(@Parent() site: Site): Promise<ConsultationPlan | null> {
    const row = await this.dataSource.getRepository(ConsultationTargetEntity).findOneBy({ siteId: site.id });
    return row ? { state: row.state, addedAt: row.addedAt } : null;
  }
}
