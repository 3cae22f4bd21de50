import { Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Site } from './region.model';
import { RectificationTaskModel } from './rectification/rectification.model';
import { TASK_STATE_LABELS, toTask } from './rectification/rectification.store';
import { TargetTrendPointModel } from './trends/trends.model';
import { targetTrend } from './trends/trends';

/** Reporting's fields on the federated Site: its results across periods and its rectification tasks. */
@Resolver(() => Site)
export class SiteResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveReference()
  resolveReference(ref: { id: string }): Site {
    return { id: ref.id };
  }

  @ResolveField(() => [TargetTrendPointModel])
  async scoreTrend(@Parent() site: Site) {
    return targetTrend(this.dataSource.manager, site.id);
  }

  @ResolveField(() => [RectificationTaskModel])
  async rectificationTasks(@Parent() site: Site) {
    const rows = await this.dataSource.query(`SELECT * FROM rectification_task WHERE target_id = $1 ORDER BY opened_at, indicator_id`, [site.id]);
    return rows.map(toTask).map((t: ReturnType<typeof toTask>) => ({ ...t, stateLabel: TASK_STATE_LABELS[t.state] }));
  }
}
