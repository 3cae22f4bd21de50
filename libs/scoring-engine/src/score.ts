import { Finding, FindingInput, findingSchema } from '@govinspect/contracts';
import { cstDay, Indicator, PointsIndicator, RuleSet, TargetClass, VetoIndicator } from '@govinspect/rule-sets';
import { renderAnnex, evidenceRefs } from './annex';
import { CardResult, EvidenceRef, ExclusionReason, Period, RESULT_LABELS, ReviewPolicy, ScoreCard, ScoreLine, ScoreTarget, VetoLine } from './card';
import { ScoringInputError } from './errors';
import { allMatch, compile, CompiledRuleSet, occurrenceKey, thresholdValue } from './match';
import { formatTenths, fromTenths, scaleTenths, Tenths, toTenths } from './tenths';

export interface ScoreTargetInput {
  ruleSet: RuleSet;
  target: ScoreTarget;
  findings: readonly (Finding | FindingInput)[];
  period: Period;
  /** Monitoring time point (监测时间点); every window counts back from it. Never the wall clock. */
  asOf: string;
  options?: {
    /** Default exclude-dismissed: pending and confirmed findings count. */
    reviewPolicy?: ReviewPolicy;
    /** Skip schema validation of findings already validated upstream (e.g. parsed from a contract event). */
    trusted?: boolean;
  };
}

function targetClassOf(t: ScoreTarget): TargetClass {
  if (t.kind === 'department' && t.externalServices === false) return 'department-no-external-services';
  return t.kind;
}

function validate(input: ScoreTargetInput): { findings: Finding[]; asOfDay: number; fromMs: number; toMs: number; asOfMs: number } {
  const issues: { path: string; message: string }[] = [];
  const { target, period, asOf } = input;
  if (!target || typeof target.id !== 'string' || !target.id) issues.push({ path: 'target.id', message: 'required' });
  if (!['portal', 'department', 'account'].includes(target?.kind)) issues.push({ path: 'target.kind', message: 'must be portal, department or account' });
  const ms = (v: string, path: string) => {
    const n = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN;
    if (Number.isNaN(n)) issues.push({ path, message: `not an ISO date-time: ${JSON.stringify(v)}` });
    return n;
  };
  const asOfMs = ms(asOf, 'asOf');
  const fromMs = ms(period?.from, 'period.from');
  const toMs = ms(period?.to, 'period.to');
  if (fromMs > toMs) issues.push({ path: 'period', message: 'from is after to' });
  const wantKind = target?.kind === 'account' ? 'account' : 'site';
  const findings: Finding[] = [];
  const seen = new Set<string>();
  input.findings.forEach((raw, i) => {
    let f: Finding;
    if (input.options?.trusted) f = raw as Finding;
    else {
      const r = findingSchema.safeParse(raw);
      if (!r.success) {
        for (const is of r.error.issues) issues.push({ path: `findings[${i}].${is.path.join('.')}`, message: is.message });
        return;
      }
      f = r.data;
    }
    if (f.targetId !== target?.id) issues.push({ path: `findings[${i}].targetId`, message: `${f.targetId} is not the scored target ${target?.id}` });
    if (f.targetKind !== wantKind) issues.push({ path: `findings[${i}].targetKind`, message: `${f.targetKind} finding on a ${target?.kind} target` });
    if (seen.has(f.id)) issues.push({ path: `findings[${i}].id`, message: `duplicate finding id ${f.id}` });
    seen.add(f.id);
    findings.push(f);
  });
  if (issues.length) throw new ScoringInputError(issues);
  // Stable order regardless of input order: everything downstream iterates in id order.
  findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { findings, asOfDay: cstDay(asOf), fromMs, toMs, asOfMs };
}

interface Occurrences {
  keys: string[];
  byKey: Map<string, Finding[]>;
  matched: Finding[];
}

function occurrences(ind: Indicator, matched: Finding[], countBy = ind.countBy): Occurrences {
  const byKey = new Map<string, Finding[]>();
  for (const f of matched) {
    const k = occurrenceKey(countBy, f);
    const list = byKey.get(k);
    if (list) list.push(f);
    else byKey.set(k, [f]);
  }
  return { keys: [...byKey.keys()].sort(), byKey, matched };
}

function select(c: CompiledRuleSet, ind: Indicator, types: readonly string[], filters: Indicator['filters'], byType: Map<string, Finding[]>, asOfDay: number): Finding[] {
  const out: Finding[] = [];
  for (const t of types)
    for (const f of byType.get(t) ?? []) if (allMatch(c, ind, ind.filters, f, asOfDay) && allMatch(c, ind, filters, f, asOfDay)) out.push(f);
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function vetoLine(c: CompiledRuleSet, ind: VetoIndicator, byType: Map<string, Finding[]>, asOfDay: number): VetoLine | null {
  const reasons: VetoLine['reasons'] = [];
  const evidence: Finding[] = [];
  for (const clause of ind.clauses) {
    const matched = select(c, ind, clause.findingTypes, clause.filters, byType, asOfDay);
    const occ = occurrences(ind, matched, clause.countBy ?? ind.countBy);
    if (occ.keys.length > 0 && occ.keys.length >= thresholdValue(ind, clause.minCount)) {
      reasons.push({ clauseId: clause.id, label: clause.label, count: occ.keys.length });
      evidence.push(...matched);
    }
  }
  if (!reasons.length) return null;
  const refs = evidenceRefs(evidence);
  return {
    indicatorId: ind.id,
    level1: ind.level1,
    level2: ind.level2,
    reasons,
    evidence: refs,
    annex: renderAnnex(ind.annexTemplate, { level1: ind.level1, level2: ind.level2, reasons: reasons.map((r) => r.label).join('；'), evidence: refs, count: reasons.length }),
    verified: ind.verified,
    citation: ind.citation,
  };
}

/** Evaluate point indicators in dependency order so de-duplication sees the columns counted before. */
function orderForDedup(inds: PointsIndicator[]): PointsIndicator[] {
  const byId = new Map(inds.map((i) => [i.id, i]));
  const done = new Set<string>();
  const out: PointsIndicator[] = [];
  const visit = (i: PointsIndicator) => {
    if (done.has(i.id)) return;
    done.add(i.id);
    for (const d of i.dedup?.skipColumnsCountedBy ?? []) {
      const dep = byId.get(d);
      if (dep) visit(dep);
    }
    out.push(i);
  };
  inds.forEach(visit);
  return out;
}

function pointLines(
  c: CompiledRuleSet,
  inds: PointsIndicator[],
  byType: Map<string, Finding[]>,
  asOfDay: number,
  counted: Set<string>,
  deduplicated: Set<string>,
): ScoreLine[] {
  const countedColumns = new Map<string, Set<string>>();
  const lines = new Map<string, ScoreLine>();
  // Indicators whose de-duplication skips the columns another indicator counted (the catch-all W-D-OTHER-STALE).
  const dependents = new Map<string, PointsIndicator[]>();
  for (const i of inds) for (const d of i.dedup?.skipColumnsCountedBy ?? []) dependents.set(d, [...(dependents.get(d) ?? []), i]);
  for (const ind of orderForDedup(inds)) {
    let matched = select(c, ind, ind.findingTypes, [], byType, asOfDay);
    if (ind.dedup) {
      const skip = new Set<string>();
      for (const d of ind.dedup.skipColumnsCountedBy) for (const col of countedColumns.get(d) ?? []) skip.add(col);
      const kept = matched.filter((f) => !skip.has(f.location.url));
      for (const f of matched) if (skip.has(f.location.url)) deduplicated.add(f.id);
      matched = kept;
    }
    const occ = occurrences(ind, matched);
    const count = occ.keys.length;
    if (count === 0 || count < thresholdValue(ind, ind.minCount)) continue;
    for (const f of matched) counted.add(f.id);
    const pts: Tenths = toTenths(ind.points);
    const raw: Tenths = ind.per === 'target' ? pts : pts * count;
    const cap: Tenths | null = ind.cap === undefined ? null : toTenths(ind.cap);
    const deps = dependents.get(ind.id);
    if (deps) countedColumns.set(ind.id, penalisedColumns(c, ind, occ, pts, cap, deps, byType, asOfDay, countedColumns));
    const total = cap === null ? raw : Math.min(cap, raw);
    const refs = evidenceRefs(matched);
    lines.set(ind.id, {
      indicatorId: ind.id,
      kind: ind.kind,
      level1: ind.level1,
      level2: ind.level2,
      count,
      points: fromTenths(pts),
      per: ind.per,
      total: fromTenths(total),
      cap: cap === null ? null : fromTenths(cap),
      capped: total < raw,
      evidence: refs,
      annex: renderAnnex(ind.annexTemplate, { level1: ind.level1, level2: ind.level2, points: formatTenths(pts), total: formatTenths(total), count, evidence: refs }),
      verified: ind.verified,
      citation: ind.citation,
    });
  }
  // Lines are reported in rule-set order, not evaluation order.
  return inds.map((i) => lines.get(i.id)).filter((l): l is ScoreLine => !!l);
}

/**
 * The columns an indicator actually charged points for, which its dependents (the catch-all) then skip. Once an
 * indicator is saturated — a per-target line already charged, or a capped line at its cap — further occurrences add
 * nothing, so their columns are not "penalised" and the catch-all may still count them: otherwise a new finding on
 * a column the catch-all counted would lower the catch-all without adding a deduction (a score that rises when a
 * problem is found). Of the occurrences, those the dependents would not count anyway are charged first, then those
 * whose columns another indicator already penalised, so the choice takes as little from the catch-all as possible.
 */
function penalisedColumns(
  c: CompiledRuleSet,
  ind: PointsIndicator,
  occ: Occurrences,
  pts: Tenths,
  cap: Tenths | null,
  deps: PointsIndicator[],
  byType: Map<string, Finding[]>,
  asOfDay: number,
  countedColumns: Map<string, Set<string>>,
): Set<string> {
  const charged = pts <= 0 ? 0 : ind.per === 'target' ? Math.max(1, thresholdValue(ind, ind.minCount)) : cap === null ? Infinity : Math.floor(cap / pts);
  const columnsOf = (key: string) => occ.byKey.get(key)!.map((f) => f.location.url);
  if (charged >= occ.keys.length) return new Set(occ.keys.flatMap(columnsOf));
  const wanted = new Set<string>();
  for (const dep of deps) for (const f of select(c, dep, dep.findingTypes, [], byType, asOfDay)) wanted.add(f.location.url);
  const skipped = new Set<string>();
  for (const cols of countedColumns.values()) for (const col of cols) skipped.add(col);
  const rank = (key: string) => {
    const cols = columnsOf(key);
    if (!cols.some((col) => wanted.has(col))) return 0;
    return cols.every((col) => !wanted.has(col) || skipped.has(col)) ? 1 : 2;
  };
  // Stable: sort by rank, then by the (already sorted) key order.
  const ordered = occ.keys.map((k, i) => ({ k, i, r: rank(k) })).sort((a, b) => a.r - b.r || a.i - b.i);
  return new Set(ordered.slice(0, charged).flatMap((o) => columnsOf(o.k)));
}

const sumTenths = (lines: ScoreLine[]): Tenths => lines.reduce((s, l) => s + toTenths(l.total), 0);

/**
 * Score one site or account for one period under one rule set. Pure and deterministic: the same inputs give the
 * same card (input order of findings does not matter). Implements 国办秘函〔2019〕19号's three parts: vetoes
 * short-circuit; otherwise fullMarks − Σ min(cap, deductions), pass by passMark, bonus above the entry mark.
 */
export function scoreTarget(input: ScoreTargetInput): ScoreCard {
  const { ruleSet, target, period, asOf } = input;
  const { findings, asOfDay, fromMs, toMs, asOfMs } = validate(input);
  const c = compile(ruleSet);
  const policy = input.options?.reviewPolicy ?? 'exclude-dismissed';
  const targetClass = targetClassOf(target);
  const web = ruleSet.scoring.website;

  const excluded: { findingId: string; reason: ExclusionReason }[] = [];
  const byType = new Map<string, Finding[]>();
  for (const f of findings) {
    const state = f.review?.state ?? 'pending';
    let reason: ExclusionReason | null = null;
    if (state === 'dismissed') reason = 'dismissed';
    else if (policy === 'confirmed-only' && state !== 'confirmed') reason = 'unconfirmed';
    else {
      const at = Date.parse(f.asOf);
      if (at < fromMs || at > toMs || at > asOfMs) reason = 'out-of-period';
    }
    if (reason) {
      excluded.push({ findingId: f.id, reason });
      continue;
    }
    const list = byType.get(f.type);
    if (list) list.push(f);
    else byType.set(f.type, [f]);
  }

  const excludedLevel1 = targetClass === 'department-no-external-services' ? web.noExternalServices.value.excludedLevel1 : [];
  const applicable = ruleSet.indicators.filter((i) => i.appliesTo.includes(targetClass) && !excludedLevel1.includes(i.level1));
  const counted = new Set<string>();
  const deduplicated = new Set<string>();

  const vetoes: VetoLine[] = [];
  for (const ind of applicable) {
    if (ind.kind !== 'veto') continue;
    const line = vetoLine(c, ind, byType, asOfDay);
    if (line) {
      vetoes.push(line);
      for (const e of line.evidence) counted.add(e.findingId);
    }
  }

  const base = {
    targetId: target.id,
    targetKind: target.kind,
    targetClass,
    ruleSet: { id: ruleSet.id, version: ruleSet.version, name: ruleSet.name, effectiveDate: ruleSet.effectiveDate, lineage: ruleSet.lineage.map((l) => `${l.id}@${l.version}`) },
    asOf,
    period: { from: period.from, to: period.to },
  };
  const findingsSummary = () => {
    const active = [...byType.values()].flat().map((f) => f.id);
    for (const id of deduplicated) if (!counted.has(id)) excluded.push({ findingId: id, reason: 'deduplicated' });
    excluded.sort((a, b) => (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0));
    return { counted: counted.size, unused: active.filter((id) => !counted.has(id) && !deduplicated.has(id)).sort(), excluded };
  };
  const card = (result: CardResult, rest: Partial<ScoreCard>): ScoreCard => {
    const deductions = rest.deductions ?? [];
    const bonuses = rest.bonuses ?? [];
    const problems = [...vetoes.map((v) => v.annex), ...deductions.map((l) => l.annex), ...bonuses.map((l) => l.annex)].join('\n');
    return {
      ...base,
      result,
      resultLabel: RESULT_LABELS[result],
      vetoes,
      deductions,
      bonuses,
      deductionTotal: null,
      baseScore: null,
      scaling: null,
      passMark: null,
      bonusEntryMark: null,
      bonusEligible: false,
      bonusTotal: null,
      finalScore: null,
      ...rest,
      findings: findingsSummary(),
      annex: { problems, score: result === 'failed-veto' ? '一票否决' : rest.finalScore == null ? (result === 'passed' ? '合格' : '') : formatTenths(toTenths(rest.finalScore)) },
    };
  };

  // 如网站出现单项否决指标中的任意一种情形，即判定为不合格，不再对其他指标进行评分。
  if (vetoes.length) return card('failed-veto', {});

  const deductionInds = applicable.filter((i): i is PointsIndicator => i.kind === 'deduction');
  const bonusInds = applicable.filter((i): i is PointsIndicator => i.kind === 'bonus');

  if (target.kind === 'account') {
    const scale = ruleSet.scoring.account.pointScale.value;
    if (!scale) return card('passed', {});
    const deductions = pointLines(c, deductionInds, byType, asOfDay, counted, deduplicated);
    const d = sumTenths(deductions);
    const score = Math.max(0, toTenths(scale.fullMarks) - d);
    const passMark = toTenths(scale.passMark);
    return card(score < passMark ? 'failed-below-pass' : 'passed', {
      deductions,
      deductionTotal: fromTenths(d),
      baseScore: fromTenths(score),
      passMark: fromTenths(passMark),
      finalScore: fromTenths(score),
    });
  }

  const deductions = pointLines(c, deductionInds, byType, asOfDay, counted, deduplicated);
  const d = sumTenths(deductions);
  let score: Tenths;
  let scaling: ScoreCard['scaling'] = null;
  if (targetClass === 'department-no-external-services') {
    const nes = web.noExternalServices.value;
    scaling = { remainingMarks: nes.remainingMarks, numerator: nes.multiplier.numerator, denominator: nes.multiplier.denominator };
    score = scaleTenths(Math.max(0, toTenths(nes.remainingMarks) - d), nes.multiplier.numerator, nes.multiplier.denominator, web.scoreDecimals.value);
  } else {
    score = Math.max(0, toTenths(web.fullMarks.value) - d);
  }
  const passMark = toTenths(web.passMark.value);
  const entry = toTenths(web.bonusEntryMark.value);
  const common = { deductions, deductionTotal: fromTenths(d), baseScore: fromTenths(score), scaling, passMark: fromTenths(passMark), bonusEntryMark: fromTenths(entry) };
  // 评分结果低于60分，判定为不合格网站
  if (score < passMark) return card('failed-below-pass', { ...common, finalScore: fromTenths(score) });
  // 高于80分，则进入加分指标评分环节，最后得分为第二、三部分得分之和
  const eligible = web.bonusAppliesTo.value.includes(targetClass) && (web.bonusEntryStrict.value ? score > entry : score >= entry);
  if (!eligible) return card('passed', { ...common, finalScore: fromTenths(score) });
  const bonuses = pointLines(c, bonusInds, byType, asOfDay, counted, deduplicated);
  const bonus = Math.min(toTenths(web.bonusCap.value), sumTenths(bonuses));
  return card('passed-bonus', { ...common, bonuses, bonusEligible: true, bonusTotal: fromTenths(bonus), finalScore: fromTenths(score + bonus) });
}

export type { EvidenceRef };
