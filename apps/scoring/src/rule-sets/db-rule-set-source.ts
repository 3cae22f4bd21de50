import { compareVersions, RuleSetError, RuleSetRef, RuleSetSource } from '@govinspect/rule-sets';

export interface StoredDocument {
  id: string;
  version: string;
  raw: unknown;
  /** Where the row came from, for error messages: `rule_set_version national-2019@1.0.0 (repository: …/1.0.0.yaml)`. */
  source: string;
}

/**
 * A RuleSetSource over rows of `rule_set_version`, held in memory: the lib's repository reads synchronously, and
 * stored versions never change, so a snapshot refreshed after each insert is exact.
 */
export class DbRuleSetSource implements RuleSetSource {
  private docs = new Map<string, Map<string, StoredDocument>>();

  replaceAll(rows: StoredDocument[]): void {
    const next = new Map<string, Map<string, StoredDocument>>();
    for (const r of rows) {
      if (!next.has(r.id)) next.set(r.id, new Map());
      next.get(r.id)!.set(r.version, r);
    }
    this.docs = next;
  }

  /** A copy with one extra document, to validate an upload before it is stored. */
  withDocument(doc: StoredDocument): DbRuleSetSource {
    const copy = new DbRuleSetSource();
    copy.replaceAll([...this.all().filter((d) => !(d.id === doc.id && d.version === doc.version)), doc]);
    return copy;
  }

  all(): StoredDocument[] {
    return [...this.docs.values()].flatMap((m) => [...m.values()]);
  }

  has(ref: RuleSetRef): boolean {
    return !!this.docs.get(ref.id)?.has(ref.version);
  }

  ids(): string[] {
    return [...this.docs.keys()].sort();
  }

  versions(id: string): string[] {
    return [...(this.docs.get(id)?.keys() ?? [])].sort(compareVersions);
  }

  read(ref: RuleSetRef): { raw: unknown; source: string } {
    const d = this.docs.get(ref.id)?.get(ref.version);
    if (!d)
      throw new RuleSetError('rule-set-not-found', `rule_set_version ${ref.id}@${ref.version}`, [
        { path: '', message: `no rule set ${ref.id}@${ref.version} (have: ${this.versions(ref.id).join(', ') || 'none'})` },
      ]);
    // structuredClone: the repository must never be able to mutate the stored snapshot.
    return { raw: structuredClone(d.raw), source: d.source };
  }
}
