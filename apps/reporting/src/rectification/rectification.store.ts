import { randomUUID } from 'node:crypto';
import { inspectionRequested, rectificationOverdue } from '@govinspect/contracts';
import { enqueueEvent } from '@govinspect/messaging';
import { loadRuleSet } from '@govinspect/rule-sets';
import { EntityManager } from 'typeorm';
import { invalid, missing, stateConflict } from '../errors';
import { ScoreCardPayload, isFailed } from '../intake/card.types';
import { RoundRecord } from '../rounds/round.record';

export type TaskState = 'open' | 'fixed-reported' | 'rechecking' | 'closed' | 'reopened';

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  open: '待整改',
  'fixed-reported': '已报整改',
  rechecking: '复核中',
  closed: '已整改（复核通过）',
  reopened: '经复查仍未整改',
};

export interface TaskRecord {
  id: string;
  roundId: string;
  targetId: string;
  targetKind: string;
  targetName: string;
  regionCode: string;
  indicatorId: string;
  level2: string;
  problem: string;
  evidence: Array<{ findingId: string; label: string; url: string }>;
  findingType: string | null;
  state: TaskState;
  deadline: string;
  repeat: boolean;
  fixNote: string | null;
  openedAt: string;
  closedAt: string | null;
  overdueAt: string | null;
  rechecks: number;
}

const iso = (v: any) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

export function toTask(r: any): TaskRecord {
  return {
    id: r.id,
    roundId: r.round_id,
    targetId: r.target_id,
    targetKind: r.target_kind,
    targetName: r.target_name,
    regionCode: r.region_code,
    indicatorId: r.indicator_id,
    level2: r.level2,
    problem: r.problem,
    evidence: r.evidence,
    findingType: r.finding_type,
    state: r.state,
    deadline: iso(r.deadline)!,
    repeat: r.repeat,
    fixNote: r.fix_note,
    openedAt: iso(r.opened_at)!,
    closedAt: iso(r.closed_at),
    overdueAt: iso(r.overdue_at),
    rechecks: r.rechecks,
  };
}

export async function findTask(m: EntityManager, id: string, lock = false): Promise<TaskRecord | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await m.query(`SELECT * FROM rectification_task WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  return row ? toTask(row) : null;
}

async function record(m: EntityManager, taskId: string, from: TaskState | null, to: TaskState, at: Date, actor: string, note?: string | null) {
  await m.query(`INSERT INTO rectification_history (task_id, from_state, to_state, at, actor, note) VALUES ($1, $2, $3, $4, $5, $6)`, [
    taskId,
    from,
    to,
    at,
    actor,
    note ?? null,
  ]);
}

async function transition(m: EntityManager, task: TaskRecord, to: TaskState, at: Date, actor: string, note: string | null, set: string = '', params: unknown[] = []) {
  await m.query(`UPDATE rectification_task SET state = $2 ${set} WHERE id = $1`, [task.id, to, ...params]);
  await record(m, task.id, task.state, to, at, actor, note);
}

/** The finding type a recheck looks for: the indicator's first finding type in the card's rule set. */
function findingTypeOf(card: ScoreCardPayload, indicatorId: string): string | null {
  try {
    const rs = loadRuleSet(card.ruleSet.id, card.ruleSet.version);
    return rs.indicators.find((i) => i.id === indicatorId)?.findingTypes[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Publishing opens one task per failing target and per problem on its card (each veto and each deduction line, with
 * its evidence). A task is a repeat when an earlier round already opened one for the same target and indicator.
 */
export async function openTasks(m: EntityManager, round: RoundRecord, cards: ScoreCardPayload[], deadline: string, at: Date): Promise<number> {
  let n = 0;
  for (const card of cards.filter((c) => isFailed(c.result))) {
    const lines = [
      ...card.vetoes.map((v) => ({ indicatorId: v.indicatorId, level2: v.level2, problem: v.annex, evidence: v.evidence })),
      ...card.deductions.map((d) => ({ indicatorId: d.indicatorId, level2: d.level2, problem: d.annex, evidence: d.evidence })),
    ];
    if (lines.length === 0) lines.push({ indicatorId: 'card', level2: card.resultLabel, problem: card.annex.problems || card.resultLabel, evidence: [] });
    for (const line of lines) {
      const [earlier] = await m.query(
        `SELECT 1 FROM rectification_task t JOIN inspection_round r ON r.id = t.round_id
          WHERE t.target_id = $1 AND t.indicator_id = $2 AND t.round_id <> $3 AND r.period_key <> $4 LIMIT 1`,
        [card.targetId, line.indicatorId, round.id, round.period.key],
      );
      const id = randomUUID();
      await m.query(
        `INSERT INTO rectification_task (id, round_id, target_id, target_kind, target_name, region_code, indicator_id, level2, problem,
           evidence, finding_type, state, deadline, repeat, opened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13, $14)`,
        [id, round.id, card.targetId, card.targetKind, card.targetName, card.regionCode, line.indicatorId, line.level2, line.problem,
          JSON.stringify(line.evidence), findingTypeOf(card, line.indicatorId), deadline, !!earlier, at],
      );
      await record(m, id, null, 'open', at, 'publish', line.problem);
      n++;
    }
  }
  return n;
}

const need = async (m: EntityManager, id: string) => {
  const t = await findTask(m, id, true);
  if (!t) throw missing('整改任务', id);
  return t;
};

/** The unit reports the problem fixed, with a note saying what it did. */
export async function markFixed(m: EntityManager, taskId: string, note: string, by: string, at: Date): Promise<TaskRecord> {
  if (!note?.trim()) throw invalid('note', '请填写整改说明');
  const t = await need(m, taskId);
  if (t.state !== 'open' && t.state !== 'reopened') throw stateConflict('taskId', `任务当前状态为“${TASK_STATE_LABELS[t.state]}”，不能报送整改`, 'bad-state');
  await transition(m, t, 'fixed-reported', at, by, note.trim(), ', fix_note = $3', [note.trim()]);
  return (await findTask(m, taskId))!;
}

const subjectOf = (label: string) => /（([^（）]+)）$/.exec(label)?.[1];

/** A targeted re-inspection of the task's finding through the crawl service (复核). */
export async function requestRecheck(m: EntityManager, round: RoundRecord, taskId: string, asOf: string, by: string, at: Date, producer: string): Promise<TaskRecord> {
  const t = await need(m, taskId);
  if (t.state === 'closed' || t.state === 'rechecking') throw stateConflict('taskId', `任务当前状态为“${TASK_STATE_LABELS[t.state]}”，不能发起复核`, 'bad-state');
  if (t.targetKind !== 'site') throw invalid('taskId', '政务新媒体的复核须由新媒体检查服务完成', 'not-a-site');
  const first = t.evidence[0];
  const n = t.rechecks + 1;
  await enqueueEvent(
    m,
    inspectionRequested,
    t.targetId,
    {
      inspectionId: `recheck-${t.id}-${n}`,
      reason: 'recheck',
      siteIds: [t.targetId],
      includeSubRegions: false,
      asOf,
      period: round.period,
      ruleSetId: round.ruleSetId,
      ...(round.ruleSetVersion ? { ruleSetVersion: round.ruleSetVersion } : {}),
      recheck: {
        taskId: t.id,
        findingType: t.findingType ?? t.indicatorId,
        url: first?.url ?? '/',
        ...(first && subjectOf(first.label) ? { subject: subjectOf(first.label) } : {}),
      },
    },
    producer,
  );
  await transition(m, t, 'rechecking', at, by, `复核监测时间点 ${asOf}`, ', rechecks = $3', [n]);
  return (await findTask(m, taskId))!;
}

/** The crawl service's answer to a recheck: gone → closed; still there → reopened; not inspectable → back to reported. */
export async function applyRecheck(m: EntityManager, taskId: string, outcome: { stillPresent: boolean; status: string; completedAt: string }): Promise<void> {
  const t = await findTask(m, taskId, true);
  if (!t || t.state !== 'rechecking') return; // a late or duplicate answer changes nothing
  const at = new Date(outcome.completedAt);
  if (outcome.status === 'failed') return transition(m, t, 'fixed-reported', at, 'recheck', '复核未能完成检查，待重新复核');
  if (outcome.stillPresent) return transition(m, t, 'reopened', at, 'recheck', '经复查，问题仍然存在');
  return transition(m, t, 'closed', at, 'recheck', '经复查，问题已整改', ', closed_at = $3', [at]);
}

/**
 * Tasks past their deadline at `asOf` without a confirmed fix raise rectification-overdue once (overdue_at marks it,
 * and the rows are locked so two scans cannot both raise it).
 */
export async function flagOverdue(m: EntityManager, asOf: Date, producer: string): Promise<TaskRecord[]> {
  const rows = await m.query(
    `SELECT * FROM rectification_task WHERE state <> 'closed' AND overdue_at IS NULL AND deadline < $1 ORDER BY deadline, id FOR UPDATE SKIP LOCKED`,
    [asOf],
  );
  const tasks: TaskRecord[] = rows.map(toTask);
  for (const t of tasks) {
    await m.query(`UPDATE rectification_task SET overdue_at = $2 WHERE id = $1`, [t.id, asOf]);
    await record(m, t.id, t.state, t.state, asOf, 'overdue-scan', '逾期未完成整改');
    await enqueueEvent(
      m,
      rectificationOverdue,
      t.targetId,
      {
        taskId: t.id,
        roundId: t.roundId,
        targetId: t.targetId,
        targetName: t.targetName,
        regionCode: t.regionCode,
        problem: t.problem || t.level2,
        deadline: t.deadline,
        detectedAt: asOf.toISOString(),
        repeat: t.repeat,
      },
      producer,
    );
  }
  return tasks.map((t) => ({ ...t, overdueAt: asOf.toISOString() }));
}
