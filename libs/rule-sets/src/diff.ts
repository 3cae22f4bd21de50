import { RuleSet } from './resolve';
import { Indicator } from './schema';

export interface FieldChange {
  /** Dotted path inside the compared object, e.g. points, params.vetoFailureRatio.value, website.passMark.value */
  path: string;
  before: unknown;
  after: unknown;
}

export interface KeyedChanges<T> {
  added: T[];
  removed: T[];
  changed: { id: string; changes: FieldChange[] }[];
}

export interface RuleSetDiff {
  from: { id: string; version: string };
  to: { id: string; version: string };
  header: FieldChange[];
  documents: KeyedChanges<string>;
  scoring: FieldChange[];
  columnClasses: KeyedChanges<string>;
  indicators: KeyedChanges<Indicator>;
}

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Leaf-level differences; arrays compare as whole values (their order is meaningful in rule data). */
export function diffFields(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  if (isPlain(before) && isPlain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffFields(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: prefix, before, after }];
}

function keyed<T>(before: Map<string, T>, after: Map<string, T>): KeyedChanges<T> {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)).map((k) => after.get(k)!),
    removed: [...before.keys()].filter((k) => !after.has(k)).map((k) => before.get(k)!),
    changed: [...after.keys()]
      .filter((k) => before.has(k))
      .map((id) => ({ id, changes: diffFields(before.get(id), after.get(id)) }))
      .filter((c) => c.changes.length > 0),
  };
}

/** What `after` changes relative to `before` (an overlay vs its base, or a new version vs the old one). */
export function diffRuleSets(before: RuleSet, after: RuleSet): RuleSetDiff {
  const docKeys = (r: RuleSet) => new Map(Object.keys(r.documents).map((k) => [k, k] as const));
  const ccKeys = (r: RuleSet) => new Map(Object.keys(r.columnClasses).map((k) => [k, k] as const));
  const cc = keyed(ccKeys(before), ccKeys(after));
  cc.changed = Object.keys(after.columnClasses)
    .filter((k) => k in before.columnClasses)
    .map((id) => ({ id, changes: diffFields(before.columnClasses[id], after.columnClasses[id]) }))
    .filter((c) => c.changes.length > 0);
  const docs = keyed(docKeys(before), docKeys(after));
  docs.changed = Object.keys(after.documents)
    .filter((k) => k in before.documents)
    .map((id) => ({ id, changes: diffFields(before.documents[id], after.documents[id]) }))
    .filter((c) => c.changes.length > 0);
  const header = (r: RuleSet) => ({ id: r.id, name: r.name, version: r.version, effectiveDate: r.effectiveDate, description: r.description });
  return {
    from: { id: before.id, version: before.version },
    to: { id: after.id, version: after.version },
    header: diffFields(header(before), header(after)),
    documents: docs,
    scoring: diffFields(before.scoring, after.scoring),
    columnClasses: cc,
    indicators: keyed(new Map(before.indicators.map((i) => [i.id, i])), new Map(after.indicators.map((i) => [i.id, i]))),
  };
}

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

/** Human-readable diff, one line per change, for review before a rule change is published. */
export function formatRuleSetDiff(d: RuleSetDiff): string {
  const lines = [`${d.from.id}@${d.from.version} -> ${d.to.id}@${d.to.version}`];
  for (const c of d.header) lines.push(`~ ${c.path}: ${show(c.before)} -> ${show(c.after)}`);
  for (const c of d.scoring) lines.push(`~ scoring.${c.path}: ${show(c.before)} -> ${show(c.after)}`);
  for (const k of d.documents.added) lines.push(`+ document ${k}`);
  for (const k of d.documents.removed) lines.push(`- document ${k}`);
  for (const k of d.columnClasses.added) lines.push(`+ columnClass ${k}`);
  for (const k of d.columnClasses.removed) lines.push(`- columnClass ${k}`);
  for (const c of d.columnClasses.changed) for (const f of c.changes) lines.push(`~ columnClass ${c.id}.${f.path}: ${show(f.before)} -> ${show(f.after)}`);
  for (const i of d.indicators.added) lines.push(`+ indicator ${i.id} (${i.kind}) ${i.level1}/${i.level2}`);
  for (const i of d.indicators.removed) lines.push(`- indicator ${i.id} (${i.kind}) ${i.level1}/${i.level2}`);
  for (const c of d.indicators.changed) for (const f of c.changes) lines.push(`~ indicator ${c.id}.${f.path}: ${show(f.before)} -> ${show(f.after)}`);
  return lines.join('\n');
}
