// Every window, threshold and sample size comes from the rule set. Numbers the rule set does not carry yet are read
// through `needed()` with a documented default, so the lead can move them into the YAML without touching checks.
import { cstDay, dayToIso, parseDuration, RuleSet, shiftDay } from '@govinspect/rule-sets';

export interface NeededParam {
  indicator: string;
  name: string;
  fallback: number;
  why: string;
}

/** Rule-set additions this library needs (reported by the accuracy doc). Key = `${indicator}.${name}`. */
export const NEEDED_PARAMS: Record<string, NeededParam> = {
  'W-D-INTERP-LINK.sampleSize': { indicator: 'W-D-INTERP-LINK', name: 'sampleSize', fallback: 3, why: '随机抽查网站已发布的3个解读稿' },
  'W-D-INTERP-COVERAGE.sampleSize': { indicator: 'W-D-INTERP-COVERAGE', name: 'sampleSize', fallback: 3, why: '随机抽查网站已发布的3个…政策文件' },
  'W-V1.forgedPeriodDays': { indicator: 'W-V1', name: 'forgedPeriodDays', fallback: 365, why: '调查征集期限与发布日期相差超过此天数视为伪造日期（如2000年的征集期限在今年发布）；产品默认值' },
};

export function param(ruleSet: RuleSet, indicatorId: string, name: string): number | undefined {
  const ind = ruleSet.indicators.find((i) => i.id === indicatorId);
  const p = (ind?.params as Record<string, { value: unknown }> | undefined)?.[name];
  return typeof p?.value === 'number' ? p.value : undefined;
}

export function needed(ruleSet: RuleSet, key: keyof typeof NEEDED_PARAMS): number {
  const n = NEEDED_PARAMS[key];
  return param(ruleSet, n.indicator, n.name) ?? n.fallback;
}

/** A column is stale when its newest item is older than the class window (classes without a window use their lookback). */
export function classWindow(ruleSet: RuleSet, columnClass: string): string | null {
  const c = ruleSet.columnClasses[columnClass] ?? null;
  return c?.window ?? c?.lookback ?? ruleSet.columnClasses.other?.window ?? null;
}

export function classField(ruleSet: RuleSet, columnClass: string, field: 'window' | 'lookback' | 'feedback'): string {
  const v = ruleSet.columnClasses[columnClass]?.[field];
  if (!v) throw new RangeError(`rule set ${ruleSet.id} has no columnClasses.${columnClass}.${field}`);
  return v;
}

export function staleType(ruleSet: RuleSet, columnClass: string): string {
  return ruleSet.columnClasses[columnClass]?.findingTypes?.[0] ?? 'column-stale';
}

/** First calendar day (CST) inside `window` counted back from asOf. */
export function windowStart(asOf: string, window: string): number {
  return shiftDay(cstDay(asOf), parseDuration(window), -1);
}

/** Is `date` (yyyy-MM-dd or ISO) before the window that ends at asOf? */
export function olderThan(date: string, asOf: string, window: string): boolean {
  return cstDay(date.slice(0, 10)) < windowStart(asOf, window);
}

export function addWindow(date: string, window: string): string {
  return dayToIso(shiftDay(cstDay(date.slice(0, 10)), parseDuration(window), 1));
}

/** Link/page limit: the W-V2 "打不开" limit (超过（含）15秒). */
export function openLimitMs(ruleSet: RuleSet): number {
  return param(ruleSet, 'W-V2', 'probeTimeoutMs') ?? 15_000;
}
