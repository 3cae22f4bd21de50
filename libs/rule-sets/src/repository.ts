import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { RuleSetError } from './errors';
import { applyOverlay, isOverlay, RuleSet, RuleSetRef, validateBase } from './resolve';

/** Where rule-set documents come from: files today, a database table later (same JSON shape). */
export interface RuleSetSource {
  versions(id: string): string[];
  ids(): string[];
  /** The raw document and a label naming where it came from (file path, table row). */
  read(ref: RuleSetRef): { raw: unknown; source: string };
}

/** Layout: <dir>/<id>/<version>.yaml */
export class FileRuleSetSource implements RuleSetSource {
  constructor(readonly dir: string) {}

  ids(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  }

  versions(id: string): string[] {
    const d = path.join(this.dir, id);
    if (!/^[a-z0-9-]+$/.test(id) || !existsSync(d)) return [];
    return readdirSync(d)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort(compareVersions);
  }

  read(ref: RuleSetRef): { raw: unknown; source: string } {
    const file = path.join(this.dir, ref.id, `${ref.version}.yaml`);
    if (!this.versions(ref.id).includes(ref.version))
      throw new RuleSetError('rule-set-not-found', file, [{ path: '', message: `no rule set ${ref.id}@${ref.version} (have: ${this.versions(ref.id).join(', ') || 'none'})` }]);
    let raw: unknown;
    try {
      // CORE_SCHEMA keeps dates as strings, so a document is plain JSON (what a database row would hold).
      raw = yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA, filename: file });
    } catch (e) {
      throw new RuleSetError('rule-set-invalid', file, [{ path: '(yaml)', message: (e as Error).message }]);
    }
    const r = raw as { id?: unknown; version?: unknown } | null;
    if (r && typeof r === 'object' && (r.id !== ref.id || String(r.version) !== ref.version))
      throw new RuleSetError('rule-set-invalid', file, [{ path: 'id/version', message: `file declares ${String(r.id)}@${String(r.version)} but lives at ${ref.id}/${ref.version}.yaml` }]);
    return { raw, source: file };
  }
}

/** Numeric comparison of dotted versions (1.10.0 > 1.9.0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Loads, validates and resolves rule sets (overlays onto their parents), caching the resolved result. */
export class RuleSetRepository {
  private readonly cache = new Map<string, RuleSet>();

  constructor(readonly source: RuleSetSource) {}

  ids(): string[] {
    return this.source.ids();
  }

  versions(id: string): string[] {
    return this.source.versions(id);
  }

  /** The given version, or the highest version when none is given. */
  load(id: string, version?: string): RuleSet {
    const v = version ?? this.source.versions(id).at(-1);
    if (!v) throw new RuleSetError('rule-set-not-found', id, [{ path: '', message: `no rule set named ${JSON.stringify(id)} (have: ${this.ids().join(', ') || 'none'})` }]);
    return this.resolve({ id, version: v }, []);
  }

  /** The highest version of `id` whose effectiveDate is on or before `date` (yyyy-MM-dd). */
  effective(id: string, date: string): RuleSet {
    const candidates = this.source.versions(id).map((v) => this.load(id, v)).filter((r) => r.effectiveDate <= date);
    const best = candidates.at(-1);
    if (!best) throw new RuleSetError('rule-set-not-found', id, [{ path: 'effectiveDate', message: `no version of ${id} is effective on ${date}` }]);
    return best;
  }

  private resolve(ref: RuleSetRef, trail: string[]): RuleSet {
    const key = `${ref.id}@${ref.version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (trail.includes(key)) throw new RuleSetError('rule-set-inheritance', key, [{ path: 'extends', message: `inheritance cycle ${[...trail, key].join(' -> ')}` }]);
    const { raw, source } = this.source.read(ref);
    let resolved: RuleSet;
    if (isOverlay(raw)) {
      const ext = (raw as { extends: unknown }).extends as Partial<RuleSetRef> | null;
      if (!ext || typeof ext.id !== 'string' || ext.version === undefined)
        throw new RuleSetError('rule-set-invalid', source, [{ path: 'extends', message: 'must be { id, version }' }]);
      const parent = this.resolve({ id: ext.id, version: String(ext.version) }, [...trail, key]);
      resolved = applyOverlay(parent, raw, source);
    } else {
      resolved = { ...validateBase(raw, source), lineage: [{ ...ref, source }] };
    }
    this.cache.set(key, resolved);
    return resolved;
  }
}

/** The rule sets shipped with this library, read at runtime from libs/rule-sets/rule-sets. */
export const RULE_SETS_DIR = path.resolve(__dirname, '..', 'rule-sets');
export const defaultRuleSetRepository = new RuleSetRepository(new FileRuleSetSource(RULE_SETS_DIR));

export function loadRuleSet(id: string, version?: string): RuleSet {
  return defaultRuleSetRepository.load(id, version);
}
