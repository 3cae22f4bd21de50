import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OutboxRelay } from '@govinspect/messaging';
import { OUTBOX_RELAY } from '@govinspect/service-kit';
import { DataSource } from 'typeorm';
import { invalid, missing } from '../errors';
import { findRound } from '../rounds/round.record';
import { PRODUCER } from '../rounds/round.service';
import { RectificationTaskModel, TaskTransitionModel } from './rectification.model';
import { TASK_STATE_LABELS, TaskRecord, findTask, flagOverdue, markFixed, requestRecheck, toTask } from './rectification.store';

const isoInstant = (field: string, v: string) => {
  if (Number.isNaN(Date.parse(v)) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(v)) throw invalid(field, '须为带时区的ISO时间');
  return new Date(v);
};

const model = (t: TaskRecord): RectificationTaskModel => ({ ...t, stateLabel: TASK_STATE_LABELS[t.state] });

@Resolver(() => RectificationTaskModel)
export class RectificationResolver {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  @Query(() => [RectificationTaskModel], { description: '整改任务 by round, target and/or state' })
  async rectificationTasks(
    @Args('roundId', { type: () => ID, nullable: true }) roundId?: string,
    @Args('targetId', { nullable: true }) targetId?: string,
    @Args('state', { nullable: true }) state?: string,
  ): Promise<RectificationTaskModel[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM rectification_task WHERE ($1::text IS NULL OR round_id::text = $1) AND ($2::text IS NULL OR target_id = $2)
         AND ($3::text IS NULL OR state = $3) ORDER BY region_code, target_name, indicator_id, id`,
      [roundId ?? null, targetId ?? null, state ?? null],
    );
    return rows.map(toTask).map(model);
  }

  @Query(() => RectificationTaskModel)
  async rectificationTask(@Args('id', { type: () => ID }) id: string): Promise<RectificationTaskModel> {
    const t = await findTask(this.dataSource.manager, id);
    if (!t) throw missing('整改任务', id);
    return model(t);
  }

  @ResolveField(() => [TaskTransitionModel])
  async history(@Parent() t: RectificationTaskModel): Promise<TaskTransitionModel[]> {
    const rows = await this.dataSource.query(`SELECT * FROM rectification_history WHERE task_id = $1 ORDER BY id`, [t.id]);
    return rows.map((r: any) => ({ fromState: r.from_state, toState: r.to_state, at: new Date(r.at).toISOString(), actor: r.actor, note: r.note }));
  }

  @Mutation(() => RectificationTaskModel, { description: 'The unit reports the problem fixed (整改完成), with a note' })
  async reportRectificationFixed(@Args('taskId', { type: () => ID }) taskId: string, @Args('note') note: string, @Args('by') by: string) {
    return model(await this.dataSource.transaction((m) => markFixed(m, taskId, note, by, new Date())));
  }

  @Mutation(() => RectificationTaskModel, { description: '复核: ask the crawl service to re-inspect the problem at asOf' })
  async requestRecheck(@Args('taskId', { type: () => ID }) taskId: string, @Args('asOf') asOf: string, @Args('by') by: string) {
    isoInstant('asOf', asOf);
    const t = await this.dataSource.transaction(async (m) => {
      const task = await findTask(m, taskId);
      if (!task) throw missing('整改任务', taskId);
      const round = (await findRound(m, task.roundId))!;
      return requestRecheck(m, round, taskId, asOf, by, new Date(), PRODUCER);
    });
    this.relay.kick();
    return model(t);
  }

  @Mutation(() => [RectificationTaskModel], { description: 'Flag tasks past their deadline at asOf (each raises rectification-overdue once)' })
  async flagOverdueRectifications(@Args('asOf') asOf: string) {
    const at = isoInstant('asOf', asOf);
    const tasks = await this.dataSource.transaction((m) => flagOverdue(m, at, PRODUCER));
    this.relay.kick();
    return tasks.map(model);
  }
}
