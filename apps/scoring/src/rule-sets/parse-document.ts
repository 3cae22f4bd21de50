import * as yaml from 'js-yaml';
import { RuleSetError } from '@govinspect/rule-sets';

export type DocumentFormat = 'yaml' | 'json';

/**
 * An uploaded rule-set document as plain JSON. YAML is read with CORE_SCHEMA, exactly like the repository files, so
 * dates stay strings and a YAML and a JSON upload of the same content hash the same.
 */
export function parseRuleSetDocument(text: string, format?: DocumentFormat): { raw: Record<string, unknown>; id: string; version: string } {
  const fmt = format ?? (/^\s*[{[]/.test(text) ? 'json' : 'yaml');
  let raw: unknown;
  try {
    raw = fmt === 'json' ? JSON.parse(text) : yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (e) {
    throw new RuleSetError('rule-set-invalid', 'upload', [{ path: `(${fmt})`, message: (e as Error).message.split('\n')[0] }]);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new RuleSetError('rule-set-invalid', 'upload', [{ path: '(root)', message: 'a rule set must be an object with id, version, …' }]);
  const r = raw as Record<string, unknown>;
  const issues = [];
  if (typeof r.id !== 'string' || !r.id) issues.push({ path: 'id', message: 'required (kebab-case string)' });
  if (r.version === undefined || r.version === null || r.version === '') issues.push({ path: 'version', message: 'required (e.g. 1.1.0)' });
  if (issues.length) throw new RuleSetError('rule-set-invalid', 'upload', issues);
  return { raw: r, id: r.id as string, version: String(r.version) };
}
