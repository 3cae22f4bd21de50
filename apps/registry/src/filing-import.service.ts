import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { accountRegistered, SiteKind, siteRegistered } from '@govinspect/contracts';
import {
  AccountFilingRow,
  detectExportKind,
  parseAccountExport,
  parseSiteExport,
  ParseResult,
  RowError,
  SiteFilingRow,
} from '@govinspect/filing-import';
import { OutboxRelay, enqueueEvent } from '@govinspect/messaging';
import { OUTBOX_RELAY } from '@govinspect/service-kit';
import { DataSource, EntityManager } from 'typeorm';
import { AccountEntity } from './account.entity';
import { diffFiling, DiffEntry, FieldChange, FilingDiff } from './filing-diff';
import { FilingImportCounts, FilingImportEntity } from './filing-import.entity';
import { SiteEntity } from './site.entity';

export interface FilingImportReport {
  kind: 'sites' | 'accounts';
  fileName: string;
  fileHash: string;
  created: Array<{ key: string; name: string }>;
  changed: Array<{ key: string; name: string; changes: FieldChange[] }>;
  unchanged: number;
  /** In the register but not in the file: reported only, never removed (docs/decisions.md). */
  absent: Array<{ key: string; name: string }>;
  errors: RowError[];
  /** False for a dry run, and for an apply refused because of row errors. */
  applied: boolean;
  importId: string | null;
}

export interface ApplyOptions {
  by: string;
  /** Apply the valid rows of a file that has row errors (otherwise such a file applies nothing). */
  validRowsOnly: boolean;
  /** When the import happens (the clock is an input). */
  at: Date;
}

const SITE_FIELDS = ['name', 'url', 'regionCode', 'kind', 'hostUnit', 'operatingUnit', 'icpNumber', 'psbNumber', 'subdomains', 'state', 'successorUrl'] as const;
const ACCOUNT_FIELDS = ['name', 'url', 'hostUnit', 'operatingUnit', 'regionCode', 'filingStatus', 'filingNumber', 'openedOn', 'contentType', 'state', 'stopNoticeOn'] as const;

type Parsed = { kind: 'sites'; res: ParseResult<SiteFilingRow> } | { kind: 'accounts'; res: ParseResult<AccountFilingRow> };

const accountKey = (r: { platform: string; accountId: string }) => `${r.platform}:${r.accountId}`;

/** Imports the national filing systems' exports into the register: a dry run shows the diff, apply makes it. */
@Injectable()
export class FilingImportService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  /** What applying the file would do. Throws FilingFileError for a file refused as a whole. */
  async dryRun(buf: Buffer, fileName: string): Promise<FilingImportReport> {
    const parsed = await this.parse(buf, fileName);
    const diff = await this.diff(this.dataSource.manager, parsed);
    return report(parsed, fileName, diff, false, null);
  }

  /** Applies the file in one transaction; the same file twice changes nothing the second time. */
  async apply(buf: Buffer, fileName: string, opts: ApplyOptions): Promise<FilingImportReport> {
    const parsed = await this.parse(buf, fileName);
    const result = await this.dataSource.transaction(async (m) => {
      // One import at a time, so two concurrent applies cannot both insert the same new row.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('registry.filing-import'))`);
      const diff = await this.diff(m, parsed);
      const errors = parsed.res.errors.length + diff.duplicateErrors.length;
      if (errors > 0 && !opts.validRowsOnly) return report(parsed, fileName, diff, false, null);
      const reason = `报送系统导出文件导入：${fileName}（${parsed.res.fileHash.slice(0, 12)}）`;
      if (parsed.kind === 'sites') await this.writeSites(m, diff as FilingDiff<SiteFilingRow>, reason, opts);
      else await this.writeAccounts(m, diff as FilingDiff<AccountFilingRow>, reason, opts);
      const id = randomUUID();
      const counts: FilingImportCounts = { created: diff.created.length, changed: diff.changed.length, unchanged: diff.unchanged, absent: diff.absent.length, errors };
      await m.insert(FilingImportEntity, { id, kind: parsed.kind, fileName, fileHash: parsed.res.fileHash, appliedAt: opts.at, by: opts.by, counts });
      return report(parsed, fileName, diff, true, id);
    });
    if (result.applied && result.created.length) this.relay.kick();
    return result;
  }

  listImports() {
    return this.dataSource.getRepository(FilingImportEntity).find({ order: { appliedAt: 'DESC' } });
  }

  private async parse(buf: Buffer, fileName: string): Promise<Parsed> {
    const kind = await detectExportKind(buf, fileName);
    return kind === 'sites' ? { kind, res: await parseSiteExport(buf, fileName) } : { kind, res: await parseAccountExport(buf, fileName) };
  }

  private async diff(m: EntityManager, parsed: Parsed): Promise<FilingDiff<SiteFilingRow> | FilingDiff<AccountFilingRow>> {
    if (parsed.kind === 'sites') {
      const sites = await m.find(SiteEntity);
      return diffFiling(parsed.res.rows, sites, (r) => r.siteCode, (s) => s.siteCode, SITE_FIELDS);
    }
    const accounts = await m.find(AccountEntity);
    return diffFiling(parsed.res.rows, accounts, accountKey, accountKey, ACCOUNT_FIELDS);
  }

  private async writeSites(m: EntityManager, diff: FilingDiff<SiteFilingRow>, reason: string, opts: ApplyOptions) {
    for (const c of diff.created) {
      const id = randomUUID();
      const row = c.row;
      await m.insert(SiteEntity, { id, ...row });
      await history(m, 'site', id, opts, reason, null, row);
      // The event's kind predates 部门网站（不提供服务）; for consumers it is a department site.
      const kind = row.kind === 'portal' ? SiteKind.PORTAL : SiteKind.DEPARTMENT;
      const { name, url, siteCode, regionCode, hostUnit } = row;
      await enqueueEvent(m, siteRegistered, id, { siteId: id, name, url, siteCode, regionCode, kind, hostUnit }, 'registry');
    }
    for (const c of diff.changed) await update(m, SiteEntity, 'site', c, opts, reason);
  }

  private async writeAccounts(m: EntityManager, diff: FilingDiff<AccountFilingRow>, reason: string, opts: ApplyOptions) {
    for (const c of diff.created) {
      const id = randomUUID();
      const row = c.row;
      await m.insert(AccountEntity, { id, ...row });
      await history(m, 'account', id, opts, reason, null, row);
      const { platform, accountId, name, url, regionCode, hostUnit, contentType, state } = row;
      await enqueueEvent(m, accountRegistered, id, { accountRecordId: id, platform, accountId, name, url, regionCode, hostUnit, contentType, state }, 'registry');
    }
    for (const c of diff.changed) await update(m, AccountEntity, 'account', c, opts, reason);
  }
}

async function update<T extends object>(
  m: EntityManager,
  entity: typeof SiteEntity | typeof AccountEntity,
  kind: 'site' | 'account',
  c: DiffEntry<T>,
  opts: ApplyOptions,
  reason: string,
) {
  const set: Record<string, unknown> = {};
  const before: Record<string, string | null> = {};
  const after: Record<string, string | null> = {};
  for (const ch of c.changes) {
    set[ch.field] = (c.row as Record<string, unknown>)[ch.field];
    before[ch.field] = ch.before;
    after[ch.field] = ch.after;
  }
  await m.update(entity, { id: c.id }, set);
  await history(m, kind, c.id!, opts, reason, before, after);
}

async function history(m: EntityManager, kind: 'site' | 'account', id: string, opts: ApplyOptions, reason: string, before: object | null, after: object | null) {
  await m.query(`INSERT INTO registry_history (entity_kind, entity_id, at, by, reason, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    kind,
    id,
    opts.at,
    opts.by,
    reason,
    before && JSON.stringify(before),
    after && JSON.stringify(after),
  ]);
}

function report(parsed: Parsed, fileName: string, diff: FilingDiff<unknown & { name: string }>, applied: boolean, importId: string | null): FilingImportReport {
  const entry = ({ key, name }: { key: string; name: string }) => ({ key, name });
  return {
    kind: parsed.kind,
    fileName,
    fileHash: parsed.res.fileHash,
    created: diff.created.map(entry),
    changed: diff.changed.map((c) => ({ key: c.key, name: c.name, changes: c.changes })),
    unchanged: diff.unchanged,
    absent: diff.absent.map(entry),
    errors: [...parsed.res.errors, ...diff.duplicateErrors].sort((a, b) => a.rowNumber - b.rowNumber),
    applied,
    importId,
  };
}
