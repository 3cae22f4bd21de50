import ExcelJS from 'exceljs';
import { EntityManager } from 'typeorm';
import { invalid } from '../errors';
import { ScoreCardPayload } from '../intake/card.types';
import { regionPrefix } from '../regions/region-directory';

/**
 * Weights of the annual figure: quarters[i] weighs quarter i+1's score; rectification weighs the share of tasks
 * closed by their deadline (×100). Defaults: quarters equal, rectification 0 (a province sets its own).
 */
export interface AnnualWeights {
  quarters: number[];
  rectification: number;
}

export const DEFAULT_ANNUAL_WEIGHTS: AnnualWeights = { quarters: [1, 1, 1, 1], rectification: 0 };

export interface AnnualRow {
  targetId: string;
  unit: string;
  regionCode: string;
  targetKind: string;
  /** Per quarter: the score (一票否决 counts 0), null when not inspected that quarter. */
  quarters: Array<{ quarter: number; score: number | null; result: string | null }>;
  tasks: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  annualScore: number | null;
}

export function validateWeights(w: AnnualWeights | undefined): AnnualWeights {
  const weights = w ?? DEFAULT_ANNUAL_WEIGHTS;
  if (weights.quarters.length !== 4 || weights.quarters.some((q) => !(q >= 0))) throw invalid('weights.quarters', '须给出4个非负的季度权重');
  if (!(weights.quarters.some((q) => q > 0))) throw invalid('weights.quarters', '季度权重不能全为0');
  if (!(weights.rectification >= 0 && weights.rectification <= 1)) throw invalid('weights.rectification', '整改权重须在0到1之间');
  return weights;
}

const quarterOf = (key: string, year: number) => {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  return m && Number(m[1]) === year ? Number(m[2]) : null;
};

/** Per unit and year: quarterly results, rectification record and the weighted annual figure (年度考核 input). */
export async function annualAssessment(m: EntityManager, regionCode: string, year: number, w?: AnnualWeights): Promise<AnnualRow[]> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('year', '年份无效');
  const weights = validateWeights(w);
  const cards: Array<{ target_id: string; period_key: string; payload: ScoreCardPayload }> = await m.query(
    `SELECT target_id, period_key, payload FROM score_card WHERE region_code LIKE $1 AND period_key LIKE $2 ORDER BY target_id, period_key`,
    [`${regionPrefix(regionCode)}%`, `${year}Q%`],
  );
  const byTarget = new Map<string, ScoreCardPayload[]>();
  for (const c of cards) if (quarterOf(c.period_key, year)) byTarget.set(c.target_id, [...(byTarget.get(c.target_id) ?? []), c.payload]);
  const rows: AnnualRow[] = [];
  for (const [targetId, list] of byTarget) {
    const [t] = await m.query(
      `SELECT count(*)::int AS tasks, count(*) FILTER (WHERE t.state = 'closed')::int AS closed,
              count(*) FILTER (WHERE t.state = 'closed' AND t.closed_at <= t.deadline)::int AS on_time,
              count(*) FILTER (WHERE t.overdue_at IS NOT NULL)::int AS overdue
         FROM rectification_task t JOIN inspection_round r ON r.id = t.round_id
        WHERE t.target_id = $1 AND r.period_key LIKE $2`,
      [targetId, `${year}Q%`],
    );
    const quarters = [1, 2, 3, 4].map((q) => {
      const c = list.find((x) => quarterOf(x.period.key, year) === q);
      if (!c) return { quarter: q, score: null, result: null };
      return { quarter: q, score: c.result === 'failed-veto' ? 0 : c.finalScore, result: c.resultLabel };
    });
    const present = quarters.filter((q) => q.score !== null);
    const wsum = present.reduce((s, q) => s + weights.quarters[q.quarter - 1], 0);
    const quarterly = wsum > 0 ? present.reduce((s, q) => s + q.score! * weights.quarters[q.quarter - 1], 0) / wsum : null;
    const onTimeShare = t.tasks ? t.on_time / t.tasks : 1;
    const annual = quarterly === null ? null : quarterly * (1 - weights.rectification) + onTimeShare * 100 * weights.rectification;
    rows.push({
      targetId,
      unit: list[list.length - 1].targetName,
      regionCode: list[list.length - 1].regionCode,
      targetKind: list[list.length - 1].targetKind,
      quarters,
      tasks: t.tasks,
      closed: t.closed,
      closedOnTime: t.on_time,
      overdue: t.overdue,
      annualScore: annual === null ? null : Math.round(annual * 10) / 10,
    });
  }
  return rows.sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.unit.localeCompare(b.unit));
}

export async function renderAnnualXlsx(year: number, rows: AnnualRow[], weights: AnnualWeights): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年度考核`);
  ws.addRow([`${year}年度政府网站与政务新媒体检查结果（季度权重 ${weights.quarters.join(':')}，整改权重 ${weights.rectification}）`]);
  ws.addRow(['单位名称', '行政区划代码', '类型', '第一季度', '第二季度', '第三季度', '第四季度', '整改任务数', '已整改', '按期整改', '逾期', '年度得分']);
  for (const r of rows) {
    ws.addRow([
      r.unit,
      r.regionCode,
      r.targetKind === 'site' ? '政府网站' : '政务新媒体',
      ...r.quarters.map((q) => (q.score === null ? '' : q.result === '不合格(单项否决)' ? '一票否决' : q.score)),
      r.tasks,
      r.closed,
      r.closedOnTime,
      r.overdue,
      r.annualScore ?? '',
    ]);
  }
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 30 : 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
