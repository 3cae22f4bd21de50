// Every window, threshold and sample size comes from the rule set (libs/rule-sets, with citations); a number the
// rule set lacks is a classified RuleSetError, never a default in code.
import { cstDay, dayToIso, parseDuration, RuleSet, RuleSetError, shiftDay } from '@govinspect/rule-sets';

/** Indicator params the checks read (documented in docs/accuracy.md). */
export const RULE_PARAMS = {
  'W-D-INTERP-LINK.sampleSize': { indicator: 'W-D-INTERP-LINK', name: 'sampleSize' },
  'W-D-INTERP-COVERAGE.sampleSize': { indicator: 'W-D-INTERP-COVERAGE', name: 'sampleSize' },
  'W-V1.forgedPeriodDays': { indicator: 'W-V1', name: 'forgedPeriodDays' },
} as const;
export type RuleParamKey = keyof typeof RULE_PARAMS;

export function param(ruleSet: RuleSet, indicatorId: string, name: string): number | undefined {
  const ind = ruleSet.indicators.find((i) => i.id === indicatorId);
  const p = (ind?.params as Record<string, { value: unknown }> | undefined)?.[name];
  return typeof p?.value === 'number' ? p.value : undefined;
}

/** A number the checks need: RuleSetError 'rule-set-invalid' when the rule set does not carry it. */
export function ruleParam(ruleSet: RuleSet, key: RuleParamKey): number {
  const { indicator, name } = RULE_PARAMS[key];
  const v = param(ruleSet, indicator, name);
  if (v === undefined) throw new RuleSetError('rule-set-invalid', `${ruleSet.id}@${ruleSet.version}`, [{ path: `indicators[${indicator}].params.${name}`, message: 'missing or not a number (needed by site-inspection)' }]);
  return v;
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
