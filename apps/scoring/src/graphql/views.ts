import { FINDING_TYPES, TARGET_GROUP_LABELS, targetGroup, TargetGroup } from '@govinspect/contracts';
import { Filter, Indicator, RuleSet, RuleSetDiff, formatRuleSetDiff, Param, WindowRef } from '@govinspect/rule-sets';
import type { EvidenceRef, ScoreLine, VetoLine } from '@govinspect/scoring-engine';
import { CardRow } from '../cards/card-row';
import { PeriodRow, TargetRow } from '../cards/targets';
import { FindingRow } from '../findings/finding-row';
import { EvidenceLink, FindingView, ScoreCardVersionInfo, ScoreCardView, ScoreLineView, VetoLineView } from './card.model';
import { FieldChangeView, IndicatorCondition, IndicatorView, RuleParamView, RuleSetDiffView, RuleSetView } from './rule-set.model';

/** Base URL of the crawl service, whose `GET /evidence/:id` serves archived pages and screenshots. */
export function evidenceBase(env: NodeJS.ProcessEnv = process.env): string {
  return (env.CRAWL_EVIDENCE_URL ?? `http://127.0.0.1:${env.CRAWL_PORT ?? 4002}`).replace(/\/+$/, '');
}

export const evidenceUrl = (archiveId: string | undefined, base = evidenceBase()) => (archiveId ? `${base}/evidence/${encodeURIComponent(archiveId)}` : undefined);

const link = (e: EvidenceRef): EvidenceLink => ({ ...e, evidenceUrl: evidenceUrl(e.archiveId) });
const line = (l: ScoreLine): ScoreLineView => ({ ...l, evidence: l.evidence.map(link) });
const veto = (v: VetoLine): VetoLineView => ({ ...v, evidence: v.evidence.map(link) });

export function groupOf(t: TargetRow | undefined): TargetGroup | undefined {
  if (!t?.site_kind || !t.region_code) return undefined;
  return targetGroup(t.site_kind, t.region_code);
}

export function versionInfo(r: CardRow): ScoreCardVersionInfo {
  return {
    version: r.version,
    state: r.state,
    ruleSetId: r.rule_set_id,
    ruleSetVersion: r.rule_set_version,
    result: r.result,
    finalScore: r.final_score === null ? null : Number(r.final_score),
    createdAt: r.created_at,
    createdBy: r.created_by,
    changeReason: r.change_reason ?? undefined,
    publishedAt: r.published_at ?? undefined,
    publishedBy: r.published_by ?? undefined,
  };
}

export function cardView(r: CardRow, target: TargetRow | undefined, period: PeriodRow): ScoreCardView {
  const c = r.card;
  return {
    ...versionInfo(r),
    cardId: r.card_id,
    targetId: r.target_id,
    targetKind: c.targetKind === 'account' ? 'account' : 'site',
    targetClass: c.targetClass,
    targetName: target?.name ?? undefined,
    regionCode: target?.region_code ?? undefined,
    group: groupOf(target),
    periodKey: r.period_key,
    period: { key: period.period_key, kind: period.kind, from: period.from_at, to: period.to_at },
    asOf: r.as_of,
    inspectionId: r.inspection_id ?? undefined,
    resultLabel: c.resultLabel,
    baseScore: c.baseScore,
    deductionTotal: c.deductionTotal,
    bonusTotal: c.bonusTotal,
    passMark: c.passMark,
    bonusEligible: c.bonusEligible,
    vetoes: c.vetoes.map(veto),
    deductions: c.deductions.map(line),
    bonuses: c.bonuses.map(line),
    annex: c.annex,
    submittedAt: r.submitted_at ?? undefined,
    submittedBy: r.submitted_by ?? undefined,
    updatedAt: r.updated_at,
    unusedFindingIds: c.findings.unused,
    excludedFindings: c.findings.excluded.map((e) => `${e.findingId}:${e.reason}`),
  };
}

export function findingView(f: FindingRow): FindingView {
  const d = f.document;
  return {
    id: f.finding_id,
    type: f.type,
    typeLabel: FINDING_TYPES[f.type as keyof typeof FINDING_TYPES]?.zh ?? f.type,
    source: f.source,
    asOf: f.as_of,
    url: d.location.url,
    breadcrumb: d.location.breadcrumb,
    evidenceText: d.evidence.text,
    archiveId: d.evidence.archiveId,
    evidenceUrl: evidenceUrl(d.evidence.archiveId),
    attributes: JSON.stringify(d.attributes ?? {}),
    columnClassOverride: f.column_class ?? undefined,
    reviewState: f.review_state,
    reviewBy: f.review_by ?? undefined,
    reviewAt: f.review_at ?? undefined,
    reviewNote: f.review_note ?? undefined,
    runId: f.run_id ?? undefined,
    inspectionId: f.inspection_id ?? undefined,
  };
}

export const groupLabel = (g: string) => TARGET_GROUP_LABELS[g as TargetGroup] ?? g;

// ---- rule sets ----

const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

function windowText(rs: RuleSet, ref: WindowRef): { text: string; window?: string } {
  if (typeof ref === 'string') return { text: ref, window: ref };
  if (ref.columnClass === '@finding') return { text: `${ref.field} of the finding's column class` };
  const w = rs.columnClasses[ref.columnClass]?.[ref.field];
  return { text: `${w ?? '?'} (${ref.columnClass}.${ref.field})`, window: w };
}

function condition(rs: RuleSet, ind: Indicator, f: Filter): IndicatorCondition {
  if (f.kind === 'compare') {
    const v = f.value && typeof f.value === 'object' && !Array.isArray(f.value) ? `${JSON.stringify(ind.params[f.value.param]?.value)} (param ${f.value.param})` : JSON.stringify(f.value ?? null);
    return { kind: f.kind, text: `${f.attribute} ${f.op}${f.op === 'present' || f.op === 'absent' ? '' : ` ${v}`}` };
  }
  if (f.kind === 'elapsed') {
    const w = windowText(rs, f.exceeds);
    return { kind: f.kind, text: `${f.from} → ${f.to ?? 'asOf'} exceeds ${w.text}`, window: w.window };
  }
  const w = windowText(rs, f.window);
  return { kind: f.kind, text: `${f.attribute} within ${w.text} before asOf`, window: w.window };
}

const paramView = (name: string, p: Param | { value: unknown; unit?: string; verified: boolean; citation?: RuleParamView['citation'] }): RuleParamView => ({
  name,
  value: JSON.stringify(p.value),
  unit: p.unit,
  verified: p.verified,
  citation: p.citation,
});

function indicatorView(rs: RuleSet, i: Indicator): IndicatorView {
  const countBy = typeof i.countBy === 'string' ? i.countBy : `attribute:${i.countBy.attribute}`;
  const base = {
    id: i.id,
    kind: i.kind,
    level1: i.level1,
    level2: i.level2,
    appliesTo: [...i.appliesTo],
    findingTypes: [...i.findingTypes],
    conditions: i.filters.map((f) => condition(rs, i, f)),
    params: Object.entries(i.params).map(([k, p]) => paramView(k, p)),
    countBy,
    citation: i.citation,
    verified: i.verified,
    unverifiedFields: i.unverifiedFields,
    annexTemplate: i.annexTemplate,
    dedupSkipColumnsCountedBy: [] as string[],
    clauses: [] as IndicatorView['clauses'],
  };
  if (i.kind === 'veto')
    return {
      ...base,
      clauses: i.clauses.map((c) => ({
        id: c.id,
        label: c.label,
        findingTypes: [...c.findingTypes],
        minCount: typeof c.minCount === 'number' ? String(c.minCount) : `${String(i.params[c.minCount.param]?.value)} (param ${c.minCount.param})`,
        conditions: c.filters.map((f) => condition(rs, i, f)),
      })),
    };
  return { ...base, points: i.points, per: i.per, cap: i.cap, dedupSkipColumnsCountedBy: i.dedup?.skipColumnsCountedBy ?? [] };
}

export function ruleSetView(rs: RuleSet): RuleSetView {
  const w = rs.scoring.website;
  const scale = rs.scoring.account.pointScale.value;
  return {
    id: rs.id,
    version: rs.version,
    name: rs.name,
    effectiveDate: rs.effectiveDate,
    description: rs.description,
    lineage: rs.lineage.map((l) => `${l.id}@${l.version}`),
    scoring: {
      fullMarks: w.fullMarks.value,
      passMark: w.passMark.value,
      bonusEntryMark: w.bonusEntryMark.value,
      bonusEntryStrict: w.bonusEntryStrict.value,
      bonusCap: w.bonusCap.value,
      bonusAppliesTo: [...w.bonusAppliesTo.value],
      noExternalServicesExcludedLevel1: w.noExternalServices.value.excludedLevel1,
      noExternalServicesRemainingMarks: w.noExternalServices.value.remainingMarks,
      noExternalServicesMultiplier: `${w.noExternalServices.value.multiplier.numerator}/${w.noExternalServices.value.multiplier.denominator}`,
      accountPointScale: scale ? `${scale.fullMarks}/${scale.passMark}` : undefined,
      all: [...Object.entries(w).map(([k, p]) => paramView(`website.${k}`, p)), ...Object.entries(rs.scoring.account).map(([k, p]) => paramView(`account.${k}`, p))],
    },
    columnClasses: Object.entries(rs.columnClasses).map(([id, c]) => ({ id, name: c.name, window: c.window, lookback: c.lookback, feedback: c.feedback, verified: c.verified })),
    indicators: rs.indicators.map((i) => indicatorView(rs, i)),
    indicatorCount: rs.indicators.length,
  };
}

const changes = (cs: { path: string; before: unknown; after: unknown }[]): FieldChangeView[] => cs.map((c) => ({ path: c.path, before: json(c.before), after: json(c.after) }));

export function diffView(d: RuleSetDiff): RuleSetDiffView {
  return {
    from: `${d.from.id}@${d.from.version}`,
    to: `${d.to.id}@${d.to.version}`,
    header: changes(d.header),
    scoring: changes(d.scoring),
    indicatorsAdded: d.indicators.added.map((i) => i.id),
    indicatorsRemoved: d.indicators.removed.map((i) => i.id),
    indicatorsChanged: d.indicators.changed.map((c) => ({ id: c.id, changes: changes(c.changes) })),
    columnClassesAdded: d.columnClasses.added,
    columnClassesRemoved: d.columnClasses.removed,
    columnClassesChanged: d.columnClasses.changed.map((c) => ({ id: c.id, changes: changes(c.changes) })),
    text: formatRuleSetDiff(d),
  };
}
