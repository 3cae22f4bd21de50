// Compares a parsed filing export with the register: pure, so the dry run and the apply share it.
import type { RowError } from '@govinspect/filing-import';

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface DiffEntry<T> {
  /** siteCode, or platform:accountId. */
  key: string;
  name: string;
  row: T;
  /** Register id, for changed entries. */
  id?: string;
  changes: FieldChange[];
}

export interface FilingDiff<T> {
  created: DiffEntry<T>[];
  changed: DiffEntry<T>[];
  unchanged: number;
  absent: Array<{ key: string; name: string; id: string }>;
  /** Duplicate keys in the file, added to the parser's row errors. */
  duplicateErrors: RowError[];
}

/** The value as users read it; arrays by comma (host names and codes hold no commas). */
export function display(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join(',');
  return String(v);
}

export function diffFiling<T extends { name: string }, R extends { id: string; name: string }>(
  rows: Array<{ rowNumber: number; value: T }>,
  existing: R[],
  keyOfRow: (r: T) => string,
  keyOfExisting: (r: R) => string,
  fields: ReadonlyArray<keyof T & keyof R & string>,
): FilingDiff<T> {
  const byKey = new Map(existing.map((r) => [keyOfExisting(r), r]));
  const seen = new Map<string, number>();
  const out: FilingDiff<T> = { created: [], changed: [], unchanged: 0, absent: [], duplicateErrors: [] };
  for (const { rowNumber, value } of rows) {
    const key = keyOfRow(value);
    const first = seen.get(key);
    if (first !== undefined) {
      out.duplicateErrors.push({ rowNumber, column: '', code: 'duplicate-row', reason: `与第${first}行重复（同一标识 ${key}），该行未导入。` });
      continue;
    }
    seen.set(key, rowNumber);
    const cur = byKey.get(key);
    if (!cur) {
      out.created.push({ key, name: value.name, row: value, changes: [] });
      continue;
    }
    const changes: FieldChange[] = [];
    for (const f of fields) {
      const before = display(cur[f]);
      const after = display(value[f]);
      if (before !== after) changes.push({ field: f, before, after });
    }
    if (changes.length) out.changed.push({ key, name: value.name, row: value, id: cur.id, changes });
    else out.unchanged++;
  }
  for (const [key, r] of byKey) if (!seen.has(key)) out.absent.push({ key, name: r.name, id: r.id });
  return out;
}
