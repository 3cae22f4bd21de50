import { z } from 'zod';
import { RuleSetError, RuleSetIssue } from './errors';
import {
  BaseRuleSetDocument,
  baseRuleSetSchema,
  Citation,
  Filter,
  Indicator,
  overlayRuleSetSchema,
  PointsIndicator,
  WindowRef,
} from './schema';

export interface RuleSetRef {
  id: string;
  version: string;
}

/** A resolved rule set: a complete base document plus where it came from (base first). */
export interface RuleSet extends BaseRuleSetDocument {
  lineage: (RuleSetRef & { source: string })[];
}

/** Render a zod path, naming indicators by id so "indicators[W-D-NEWS].points" points at the right YAML block. */
function renderPath(path: readonly PropertyKey[], raw: unknown): string {
  let out = '';
  let node: unknown = raw;
  for (const key of path) {
    if (typeof key === 'number') {
      const item = Array.isArray(node) ? node[key] : undefined;
      const id = item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined;
      out += id ? `[${id}]` : `[${key}]`;
    } else {
      out += out ? `.${String(key)}` : String(key);
    }
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return out || '(root)';
}

function zodIssues(error: z.ZodError, raw: unknown): RuleSetIssue[] {
  return error.issues.map((i) => ({ path: renderPath(i.path, raw), message: i.message }));
}

/** Cross-field checks a schema cannot express: references between documents, indicators, params and windows. */
export function semanticIssues(doc: BaseRuleSetDocument): RuleSetIssue[] {
  const issues: RuleSetIssue[] = [];
  const checkCitation = (c: Citation | undefined, path: string) => {
    if (c && !(c.document in doc.documents)) issues.push({ path: `${path}.document`, message: `document ${JSON.stringify(c.document)} is not listed under documents` });
  };
  const checkWindow = (w: WindowRef, path: string) => {
    if (typeof w === 'string' || w.columnClass === '@finding') return;
    const cc = doc.columnClasses[w.columnClass];
    if (!cc) issues.push({ path, message: `unknown column class ${JSON.stringify(w.columnClass)}` });
    else if (!cc[w.field]) issues.push({ path, message: `column class ${w.columnClass} has no ${w.field}` });
  };
  const checkFilters = (filters: Filter[], ind: Indicator, path: string) =>
    filters.forEach((f, i) => {
      const p = `${path}[${i}]`;
      if (f.kind === 'elapsed') checkWindow(f.exceeds, `${p}.exceeds`);
      if (f.kind === 'within') checkWindow(f.window, `${p}.window`);
      if (f.kind === 'compare') {
        const needsValue = f.op !== 'present' && f.op !== 'absent';
        if (needsValue && f.value === undefined) issues.push({ path: `${p}.value`, message: `op ${f.op} needs a value` });
        if (f.value && typeof f.value === 'object' && !Array.isArray(f.value) && !(f.value.param in ind.params))
          issues.push({ path: `${p}.value.param`, message: `unknown param ${JSON.stringify(f.value.param)} (not in params)` });
      }
    });
  const checkThreshold = (t: number | { param: string }, ind: Indicator, path: string) => {
    if (typeof t === 'object') {
      const p = ind.params[t.param];
      if (!p) issues.push({ path, message: `unknown param ${JSON.stringify(t.param)} (not in params)` });
      else if (typeof p.value !== 'number' || !Number.isInteger(p.value) || p.value < 1) issues.push({ path, message: `param ${t.param} must be a positive integer` });
    }
  };

  Object.entries(doc.scoring.website).forEach(([k, p]) => checkCitation(p.citation, `scoring.website.${k}.citation`));
  Object.entries(doc.scoring.account).forEach(([k, p]) => checkCitation(p.citation, `scoring.account.${k}.citation`));
  Object.entries(doc.columnClasses).forEach(([k, c]) => checkCitation(c.citation, `columnClasses.${k}.citation`));

  const ids = new Map<string, Indicator>();
  for (const ind of doc.indicators) {
    const path = `indicators[${ind.id}]`;
    if (ids.has(ind.id)) issues.push({ path: `${path}.id`, message: `duplicate indicator id ${ind.id}` });
    ids.set(ind.id, ind);
    checkCitation(ind.citation, `${path}.citation`);
    Object.entries(ind.params).forEach(([k, p]) => checkCitation(p.citation, `${path}.params.${k}.citation`));
    checkFilters(ind.filters, ind, `${path}.filters`);
    for (const f of ind.unverifiedFields) if (!(f in ind)) issues.push({ path: `${path}.unverifiedFields`, message: `${f} is not a field of this indicator` });
    if (ind.kind === 'veto') {
      ind.clauses.forEach((c, i) => {
        const cp = `${path}.clauses[${i}]`;
        for (const t of c.findingTypes) if (!ind.findingTypes.includes(t)) issues.push({ path: `${cp}.findingTypes`, message: `${t} is not in the indicator's findingTypes` });
        checkFilters(c.filters, ind, `${cp}.filters`);
        checkThreshold(c.minCount, ind, `${cp}.minCount`);
      });
    } else {
      checkThreshold(ind.minCount, ind, `${path}.minCount`);
      if (ind.cap !== undefined && ind.cap < ind.points) issues.push({ path: `${path}.cap`, message: `cap ${ind.cap} is below points ${ind.points}` });
    }
  }
  // De-duplication references: must be deduction indicators, and the order they imply must have no cycle.
  const deps = new Map<string, string[]>();
  for (const ind of doc.indicators) {
    if (ind.kind === 'veto' || !ind.dedup) continue;
    for (const ref of ind.dedup.skipColumnsCountedBy) {
      const target = ids.get(ref);
      if (!target) issues.push({ path: `indicators[${ind.id}].dedup.skipColumnsCountedBy`, message: `unknown indicator ${ref}` });
      else if (target.kind !== ind.kind) issues.push({ path: `indicators[${ind.id}].dedup.skipColumnsCountedBy`, message: `${ref} is a ${target.kind} indicator, not ${ind.kind}` });
      else {
        // A column the catch-all skips must cost at least what the catch-all would have charged for it; otherwise
        // finding one more problem on that column could raise the score.
        const target = ids.get(ref) as PointsIndicator;
        const minCount = typeof target.minCount === 'number' ? target.minCount : Number(target.params[target.minCount.param]?.value ?? 1);
        const perColumn = target.per === 'target' ? target.points / Math.max(1, minCount) : target.points;
        if (perColumn < ind.points)
          issues.push({ path: `indicators[${ind.id}].dedup.skipColumnsCountedBy`, message: `${ref} charges ${perColumn} per column, less than the ${ind.points} of ${ind.id} that defers to it` });
      }
    }
    deps.set(ind.id, ind.dedup.skipColumnsCountedBy.filter((r) => ids.has(r)));
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      issues.push({ path: `indicators[${id}].dedup`, message: `de-duplication cycle ${[...trail, id].join(' -> ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const d of deps.get(id) ?? []) visit(d, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of deps.keys()) visit(id, []);
  return issues;
}

/** Validate a complete (base) document; throws RuleSetError naming the source and fields. */
export function validateBase(raw: unknown, source: string): BaseRuleSetDocument {
  const r = baseRuleSetSchema.safeParse(raw);
  if (!r.success) throw new RuleSetError('rule-set-invalid', source, zodIssues(r.error, raw));
  const issues = semanticIssues(r.data);
  if (issues.length) throw new RuleSetError('rule-set-invalid', source, issues);
  return r.data;
}

export function isOverlay(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && 'extends' in raw;
}

const clone = <T>(v: T): T => structuredClone(v);

/**
 * Apply an overlay document to its resolved parent. Patches replace whole fields (arrays/objects included),
 * so an overlay states exactly the value it wants; the merged result is validated as a complete rule set.
 */
export function applyOverlay(parent: RuleSet, raw: unknown, source: string): RuleSet {
  const r = overlayRuleSetSchema.safeParse(raw);
  if (!r.success) throw new RuleSetError('rule-set-invalid', source, zodIssues(r.error, raw));
  const o = r.data;
  if (o.extends.id !== parent.id || o.extends.version !== parent.version)
    throw new RuleSetError('rule-set-inheritance', source, [{ path: 'extends', message: `resolved parent is ${parent.id}@${parent.version}` }]);
  const issues: RuleSetIssue[] = [];
  const byId = new Map(parent.indicators.map((i) => [i.id, i] as const));
  for (const id of o.indicators.remove) if (!byId.has(id)) issues.push({ path: 'indicators.remove', message: `${id} is not in ${parent.id}@${parent.version}` });
  for (const [id, patch] of Object.entries(o.indicators.override)) {
    if (!byId.has(id)) issues.push({ path: `indicators.override.${id}`, message: `${id} is not in ${parent.id}@${parent.version}` });
    if (o.indicators.remove.includes(id)) issues.push({ path: `indicators.override.${id}`, message: `${id} is also removed` });
    for (const k of ['id', 'kind'] as const) if (k in patch) issues.push({ path: `indicators.override.${id}.${k}`, message: `${k} cannot be overridden; remove and add instead` });
  }
  o.indicators.add.forEach((a, i) => {
    const id = a && typeof a === 'object' ? (a as { id?: unknown }).id : undefined;
    if (typeof id === 'string' && byId.has(id) && !o.indicators.remove.includes(id))
      issues.push({ path: `indicators.add[${i}].id`, message: `${id} already exists in ${parent.id}@${parent.version}; use override` });
  });
  for (const [k, patch] of Object.entries(o.scoring)) {
    const known = parent.scoring[k as 'website' | 'account'];
    for (const name of Object.keys(patch ?? {})) if (!(name in known)) issues.push({ path: `scoring.${k}.${name}`, message: 'unknown scoring parameter' });
  }
  if (issues.length) throw new RuleSetError('rule-set-invalid', source, issues);

  const merged = {
    id: o.id,
    name: o.name,
    version: o.version,
    effectiveDate: o.effectiveDate,
    description: o.description,
    notes: o.notes,
    documents: { ...clone(parent.documents), ...o.documents },
    scoring: {
      website: { ...clone(parent.scoring.website), ...(o.scoring.website ?? {}) },
      account: { ...clone(parent.scoring.account), ...(o.scoring.account ?? {}) },
    },
    columnClasses: Object.fromEntries(
      [...new Set([...Object.keys(parent.columnClasses), ...Object.keys(o.columnClasses)])].map((k) => [
        k,
        { ...clone(parent.columnClasses[k] ?? {}), ...(o.columnClasses[k] ?? {}) },
      ]),
    ),
    indicators: [
      ...parent.indicators
        .filter((i) => !o.indicators.remove.includes(i.id))
        .map((i) => ({ ...clone(i), ...(o.indicators.override[i.id] ?? {}) })),
      ...o.indicators.add,
    ],
  };
  const doc = validateBase(merged, source);
  return { ...doc, lineage: [...parent.lineage, { id: o.id, version: o.version, source }] };
}
