import { Logger } from '@nestjs/common';
import { parentRegion, REGION_CODE_PATTERN } from '@govinspect/contracts';
import { FileRuleSetSource, isOverlay, RULE_SETS_DIR, RuleSet, RuleSetError, RuleSetRepository } from '@govinspect/rule-sets';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit';
import { canonicalJson, sha256 } from '../canonical-json';
import { DbRuleSetSource, StoredDocument } from './db-rule-set-source';
import { DocumentFormat, parseRuleSetDocument } from './parse-document';

export interface RuleSetVersionRow {
  id: string;
  version: string;
  name: string;
  effectiveDate: string;
  extendsId: string | null;
  extendsVersion: string | null;
  hash: string;
  origin: 'repository' | 'upload';
  source: string;
  storedBy: string;
  storedAt: Date;
}

export class RuleSetVersionConflict extends Error {
  readonly classification = 'rule-set-version-exists';
  constructor(readonly id: string, readonly version: string) {
    super(`${id}@${version} is already stored with different content; stored versions are immutable — upload a new version`);
  }
}

const ROW_SQL = `SELECT id, version, name, effective_date AS "effectiveDate", extends_id AS "extendsId", extends_version AS "extendsVersion",
                        hash, origin, source, stored_by AS "storedBy", stored_at AS "storedAt" FROM rule_set_version`;

/**
 * Rule sets as rows: the repository's YAML files are loaded at start (a document's hash decides whether it is new),
 * inspectors upload new versions, and every lookup goes through the lib's RuleSetRepository over the table.
 */
export class RuleSetStore {
  private readonly logger = new Logger('RuleSetStore');
  private readonly source = new DbRuleSetSource();
  private repo = new RuleSetRepository(this.source);

  constructor(
    private readonly dataSource: DataSource,
    readonly defaultRuleSetId: string,
  ) {}

  /** Load the shipped YAML files into the table (idempotent) and read the table. */
  async init(dir = RULE_SETS_DIR): Promise<void> {
    const files = new FileRuleSetSource(dir);
    const fileRepo = new RuleSetRepository(files);
    // Bases before overlays, so a row never names a parent that is not stored.
    const refs = files.ids().flatMap((id) => files.versions(id).map((version) => ({ id, version })));
    const docs = refs.map((ref) => ({ ref, ...files.read(ref) })).sort((a, b) => Number(isOverlay(a.raw)) - Number(isOverlay(b.raw)));
    for (const { ref, raw, source } of docs) {
      try {
        fileRepo.load(ref.id, ref.version);
      } catch (e) {
        this.logger.error(`not loading ${source}: ${(e as Error).message}`);
        continue;
      }
      const hash = sha256(canonicalJson(raw));
      const [same] = await this.dataSource.query(`SELECT id, version FROM rule_set_version WHERE hash = $1`, [hash]);
      if (same) continue;
      const [clash] = await this.dataSource.query(`SELECT hash FROM rule_set_version WHERE id = $1 AND version = $2`, [ref.id, ref.version]);
      if (clash) {
        this.logger.warn(`${source} differs from the stored ${ref.id}@${ref.version}; stored versions are immutable, so the file is ignored (give it a new version)`);
        continue;
      }
      await this.dataSource.transaction((m) => this.insert(m, raw as Record<string, unknown>, hash, 'repository', source, 'system'));
    }
    await this.refresh();
  }

  async refresh(m: EntityManager | DataSource = this.dataSource): Promise<void> {
    const rows: { id: string; version: string; document: unknown; origin: string; source: string }[] = await m.query(
      `SELECT id, version, document, origin, source FROM rule_set_version`,
    );
    this.source.replaceAll(rows.map((r): StoredDocument => ({ id: r.id, version: r.version, raw: r.document, source: `rule_set_version ${r.id}@${r.version} (${r.origin}: ${r.source})` })));
    // Stored versions never change, but a fresh repository keeps the cache from growing with discarded snapshots.
    this.repo = new RuleSetRepository(this.source);
  }

  /**
   * The given version, or the highest stored one. The snapshot is re-read when the table holds a version this process
   * has not seen (another instance may have stored it), so "newest" is the table's newest.
   */
  async load(id: string, version?: string | null): Promise<RuleSet> {
    let known = version ? this.source.has({ id, version }) : false;
    if (!version) {
      const rows: { version: string }[] = await this.dataSource.query(`SELECT version FROM rule_set_version WHERE id = $1`, [id]);
      known = rows.every((r) => this.source.has({ id, version: r.version })) && rows.length > 0;
    }
    if (!known) await this.refresh();
    return this.repo.load(id, version ?? undefined);
  }

  loadSync(id: string, version?: string | null): RuleSet {
    return this.repo.load(id, version ?? undefined);
  }

  async list(): Promise<RuleSetVersionRow[]> {
    return this.dataSource.query(`${ROW_SQL} ORDER BY id, stored_at, version`);
  }

  async row(id: string, version: string): Promise<RuleSetVersionRow | null> {
    const [r] = await this.dataSource.query(`${ROW_SQL} WHERE id = $1 AND version = $2`, [id, version]);
    return r ?? null;
  }

  /**
   * Store an uploaded document as a new version after validating it against the lib's schema (and its parent, for an
   * overlay). The same document again is a no-op; the same id@version with other content is a conflict.
   */
  async upload(text: string, format: DocumentFormat | undefined, by: string): Promise<{ row: RuleSetVersionRow; created: boolean }> {
    const { raw, id, version } = parseRuleSetDocument(text, format);
    const hash = sha256(canonicalJson(raw));
    await this.refresh();
    const existing = await this.row(id, version);
    if (existing) {
      if (existing.hash === hash) return { row: existing, created: false };
      throw new RuleSetVersionConflict(id, version);
    }
    // Validate by resolving it the way scoring will: through the repository, over the stored rows plus this one.
    const trial = new RuleSetRepository(this.source.withDocument({ id, version, raw, source: 'upload' }));
    try {
      trial.load(id, version);
    } catch (e) {
      if (e instanceof RuleSetError && e.classification === 'rule-set-not-found')
        throw new RuleSetError('rule-set-inheritance', 'upload', [{ path: 'extends', message: e.issues[0]?.message ?? e.message }]);
      throw e;
    }
    await this.dataSource.transaction(async (m) => {
      await this.insert(m, raw, hash, 'upload', `uploaded by ${by}`, by);
      await appendAudit(m, { actor: by, action: 'rule-set-uploaded', details: { id, version, hash } });
    });
    await this.refresh();
    return { row: (await this.row(id, version))!, created: true };
  }

  private async insert(m: EntityManager, raw: Record<string, unknown>, hash: string, origin: 'repository' | 'upload', source: string, by: string): Promise<void> {
    const ext = (raw.extends ?? null) as { id?: string; version?: unknown } | null;
    await m.query(
      `INSERT INTO rule_set_version (id, version, name, effective_date, extends_id, extends_version, document, hash, origin, source, stored_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [raw.id, String(raw.version), raw.name, raw.effectiveDate, ext?.id ?? null, ext ? String(ext.version) : null, JSON.stringify(raw), hash, origin, source, by],
    );
  }

  /** The rule set id a region is scored with: its own switch, else its city's or province's, else the default. */
  async ruleSetIdForRegion(regionCode: string | null, m: EntityManager | DataSource = this.dataSource): Promise<string> {
    if (!regionCode || !REGION_CODE_PATTERN.test(regionCode)) return this.defaultRuleSetId;
    const chain: string[] = [];
    for (let c: string | null = regionCode; c; c = parentRegion(c)) chain.push(c);
    const rows: { region_code: string; rule_set_id: string }[] = await m.query(`SELECT region_code, rule_set_id FROM region_rule_set WHERE region_code = ANY($1)`, [chain]);
    for (const c of chain) {
      const hit = rows.find((r) => r.region_code === c);
      if (hit) return hit.rule_set_id;
    }
    return this.defaultRuleSetId;
  }
}
