import type { Finding } from '@govinspect/contracts';
import { cstDay, CountBy, Duration, Filter, Indicator, parseDuration, RuleSet, shiftDay, WindowRef } from '@govinspect/rule-sets';

/**
 * Deciding whether one finding counts for an indicator: the rule set's filters (thresholds, windows) evaluated
 * against the finding's attributes and the monitoring time point. Windows are re-checked here so that a rule
 * change (e.g. a province shortening a window) takes effect on re-scoring without a new crawl.
 */

/** Per-rule-set lookups computed once (rule sets are immutable once loaded). */
export interface CompiledRuleSet {
  ruleSet: RuleSet;
  /** finding type -> column class id implied by it */
  classOfType: Map<string, string>;
  durations: Map<string, Duration>;
}

const compiled = new WeakMap<RuleSet, CompiledRuleSet>();

export function compile(ruleSet: RuleSet): CompiledRuleSet {
  let c = compiled.get(ruleSet);
  if (c) return c;
  const classOfType = new Map<string, string>();
  for (const [id, cc] of Object.entries(ruleSet.columnClasses)) for (const t of cc.findingTypes) if (!classOfType.has(t)) classOfType.set(t, id);
  c = { ruleSet, classOfType, durations: new Map() };
  compiled.set(ruleSet, c);
  return c;
}

function duration(c: CompiledRuleSet, text: string): Duration {
  let d = c.durations.get(text);
  if (!d) c.durations.set(text, (d = parseDuration(text)));
  return d;
}

/** The window a reference points at for this finding; undefined when the rule set defines none. */
export function resolveWindow(c: CompiledRuleSet, ref: WindowRef, f: Finding): Duration | undefined {
  if (typeof ref === 'string') return duration(c, ref);
  const classes = c.ruleSet.columnClasses;
  let id = ref.columnClass;
  if (id === '@finding') {
    const own = f.attributes.columnClass;
    id = own && classes[own]?.[ref.field] ? own : (c.classOfType.get(f.type) ?? 'other');
    if (!classes[id]?.[ref.field]) id = 'other';
  }
  const text = classes[id]?.[ref.field];
  return text ? duration(c, text) : undefined;
}

const attr = (f: Finding, name: string): unknown => (f.attributes as Record<string, unknown>)[name];
const missing = (v: unknown) => v === undefined || v === null || v === '';

function compare(op: string, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(actual as never);
    default: {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      if (op === 'gte') return actual >= expected;
      if (op === 'gt') return actual > expected;
      if (op === 'lte') return actual <= expected;
      return actual < expected; // lt
    }
  }
}

export function filterMatches(c: CompiledRuleSet, ind: Indicator, filter: Filter, f: Finding, asOfDay: number): boolean {
  if (filter.kind === 'compare') {
    const v = attr(f, filter.attribute);
    if (filter.op === 'present') return !missing(v);
    if (filter.op === 'absent') return missing(v);
    if (missing(v)) return filter.whenMissing === 'match';
    const expected =
      filter.value && typeof filter.value === 'object' && !Array.isArray(filter.value) ? ind.params[filter.value.param]?.value : filter.value;
    return compare(filter.op, v, expected);
  }
  if (filter.kind === 'elapsed') {
    const from = attr(f, filter.from);
    if (missing(from)) return filter.whenMissing === 'match';
    const w = resolveWindow(c, filter.exceeds, f);
    if (!w) return false;
    const to = filter.to ? attr(f, filter.to) : undefined;
    const toDay = missing(to) ? asOfDay : cstDay(String(to));
    // e.g. stale when the last update is before "asOf minus the window" (监测时间点前2周内未更新).
    return cstDay(String(from)) < shiftDay(toDay, w, -1);
  }
  const v = attr(f, filter.attribute);
  if (missing(v)) return filter.whenMissing === 'match';
  const w = resolveWindow(c, filter.window, f);
  if (!w) return false;
  const day = cstDay(String(v));
  return day >= shiftDay(asOfDay, w, -1) && day <= asOfDay;
}

export function allMatch(c: CompiledRuleSet, ind: Indicator, filters: Filter[], f: Finding, asOfDay: number): boolean {
  for (const flt of filters) if (!filterMatches(c, ind, flt, f, asOfDay)) return false;
  return true;
}

/** Identity of one occurrence: findings with the same key are one problem and count once. */
export function occurrenceKey(countBy: CountBy, f: Finding): string {
  if (countBy === 'finding') return `f:${f.id}`;
  if (countBy === 'column') return `c:${f.location.url}`;
  if (countBy === 'subject') {
    const a = f.attributes;
    return `s:${f.location.url}\u0000${a.subject ?? ''}\u0000${a.element ?? ''}\u0000${a.unit ?? ''}\u0000${a.label ?? ''}\u0000${a.direction ?? ''}`;
  }
  const v = attr(f, countBy.attribute);
  return missing(v) ? `f:${f.id}` : `a:${String(v)}`;
}

export function thresholdValue(ind: Indicator, t: number | { param: string }): number {
  return typeof t === 'number' ? t : Number(ind.params[t.param].value);
}
