// The registry's import path on real PostgreSQL: the demo city's two filing exports in, edited exports diffed and applied.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { accountRegistered, regionLevel, regionWithin, siteRegistered } from '@govinspect/contracts';
import { consoleLogger, InProcessBus } from '@govinspect/messaging';
import { RunningService, startService } from '@govinspect/service-kit';
import { filingWorkbook, loadScenario, siteFilingWorkbook, type ScenarioModel } from '@govinspect/simweb';
import { createTestDatabase, TestDatabase } from '@govinspect/testing';
import { DataSource } from 'typeorm';
import { registryService } from '../src';

const PLATFORM = { wechat: 'wechat-subscription', weibo: 'weibo', douyin: 'douyin', toutiao: 'toutiao' } as const;

let sc: ScenarioModel;
let db: TestDatabase;
let bus: InProcessBus;
let service: RunningService;
let ds: DataSource;

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-operator': 'test-operator' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: any; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

const IMPORT = `mutation($f: String!, $n: String!, $d: Boolean, $v: Boolean) {
  importFiling(fileBase64: $f, fileName: $n, dryRun: $d, validRowsOnly: $v) {
    kind fileName fileHash unchanged applied importId
    created { key name } absent { key name }
    changed { key name changes { field before after } }
    errors { rowNumber column code reason }
  }
}`;

async function importFile(buf: Buffer, name: string, dryRun: boolean, validRowsOnly = false) {
  const r = await gql(IMPORT, { f: buf.toString('base64'), n: name, d: dryRun, v: validRowsOnly });
  if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
  return r.data.importFiling;
}

/** Row counts of every table the import writes. */
async function snapshot() {
  const [c] = await ds.query(`SELECT
    (SELECT count(*)::int FROM site) AS sites, (SELECT count(*)::int FROM account) AS accounts,
    (SELECT count(*)::int FROM registry_history) AS history, (SELECT count(*)::int FROM filing_import) AS imports,
    (SELECT count(*)::int FROM outbox_message WHERE topic = $1) AS events,
    (SELECT count(*)::int FROM outbox_message WHERE topic = $2) AS "accountEvents"`, [siteRegistered.topic, accountRegistered.topic]);
  const sites = await ds.query(`SELECT site_code, name, state FROM site ORDER BY site_code`);
  const accounts = await ds.query(`SELECT platform, account_id, name, state FROM account ORDER BY platform, account_id`);
  return { c, sites, accounts };
}

/** Re-writes an export as its filing system would, after `edit` changed its data rows (title and header kept). */
async function editExport(buf: Buffer, edit: (rows: unknown[][]) => unknown[][]): Promise<Buffer> {
  const src = new ExcelJS.Workbook();
  await src.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = src.worksheets[0];
  const all: unknown[][] = [];
  ws.eachRow((row) => all.push((row.values as unknown[]).slice(1)));
  const out = new ExcelJS.Workbook();
  const o = out.addWorksheet(ws.name);
  o.addRow(all[0]);
  o.addRow(all[1]);
  for (const r of edit(all.slice(2))) o.addRow(r);
  return Buffer.from(await out.xlsx.writeBuffer());
}

beforeAll(async () => {
  sc = loadScenario(join(__dirname, '..', '..', '..', 'libs', 'simweb', 'scenarios', 'demo-city.yaml'));
  db = await createTestDatabase('registry-import');
  bus = new InProcessBus({ logger: consoleLogger('registry-test'), partitions: 1 });
  service = await startService(registryService, { port: 0, bus, databaseUrl: db.url, outboxPollMs: 50, logLevels: ['error'] });
  ds = service.app.get(DataSource);
}, 60_000);

afterAll(async () => {
  await service?.close();
  await bus?.close();
  await db?.drop();
});

test('the demo city exports import to exactly the scenario sites and filed accounts; again changes nothing', async () => {
  const sitesBuf = await siteFilingWorkbook(sc);
  const accountsBuf = await filingWorkbook(sc);
  const filed = sc.accounts.filter((a) => a.filing !== 'unfiled');

  const dry = await importFile(sitesBuf, 'sites.xlsx', true);
  expect(dry).toMatchObject({ kind: 'sites', applied: false, importId: null, changed: [], unchanged: 0, absent: [], errors: [] });
  expect(dry.created).toHaveLength(sc.sites.length);
  expect((await snapshot()).c).toEqual({ sites: 0, accounts: 0, history: 0, imports: 0, events: 0, accountEvents: 0 });

  const s = await importFile(sitesBuf, 'sites.xlsx', false);
  expect(s.applied).toBe(true);
  expect(s.created.map((e: { key: string }) => e.key).sort()).toEqual(sc.sites.map((x) => x.siteCode).sort());
  const a = await importFile(accountsBuf, 'accounts.xlsx', false);
  expect(a).toMatchObject({ kind: 'accounts', applied: true, changed: [], errors: [] });
  expect(a.created).toHaveLength(filed.length);

  const sites = (await gql(`{ sites { siteCode name url kind hostUnit state region { code } } }`)).data.sites;
  expect(sites.map((x: any) => [x.siteCode, x.name, x.url, x.kind, x.hostUnit, x.region.code, x.state]).sort()).toEqual(
    sc.sites.map((x) => [x.siteCode, x.name, `http://${x.host}/`, x.kind.toUpperCase(), x.hostUnit, x.regionCode, 'running']).sort(),
  );
  const accounts = (await gql(`{ accounts { platform accountId name hostUnit region { code } } }`)).data.accounts;
  expect(accounts.map((x: any) => [x.platform, x.accountId, x.name, x.hostUnit, x.region.code]).sort()).toEqual(
    filed.map((x) => [PLATFORM[x.platform], x.uid, x.filedName, x.hostUnit, x.regionCode]).sort(),
  );
  // A region query takes the region's subtree: a city includes its counties, a county only itself.
  const county = filed.find((x) => regionLevel(x.regionCode) === 'county')!.regionCode;
  const city = `${county.slice(0, 4)}00`;
  for (const r of [county, city]) {
    const got = (await gql(`query($r: String) { accounts(regionCode: $r) { accountId } }`, { r })).data.accounts;
    expect(got.map((x: { accountId: string }) => x.accountId).sort()).toEqual(filed.filter((x) => regionWithin(x.regionCode, r)).map((x) => x.uid).sort());
  }
  expect(filed.filter((x) => regionWithin(x.regionCode, city)).length).toBeGreaterThan(filed.filter((x) => x.regionCode === county).length);

  const before = await snapshot();
  expect(before.c).toMatchObject({ sites: sc.sites.length, accounts: filed.length, history: sc.sites.length + filed.length, imports: 2, events: sc.sites.length, accountEvents: filed.length });
  const again = await importFile(sitesBuf, 'sites.xlsx', false);
  expect(again).toMatchObject({ created: [], changed: [], unchanged: sc.sites.length, absent: [] });
  const againA = await importFile(accountsBuf, 'accounts.xlsx', false);
  expect(againA).toMatchObject({ created: [], changed: [], unchanged: filed.length, absent: [] });
  const after = await snapshot();
  expect(after.sites).toEqual(before.sites);
  expect(after.accounts).toEqual(before.accounts);
  expect(after.c).toEqual({ ...before.c, imports: 4 });

  const list = (await gql(`{ filingImports { kind fileName by counts { created changed unchanged absent errors } } }`)).data.filingImports;
  expect(list).toHaveLength(4);
  expect(list.every((i: { by: string }) => i.by === 'test-operator')).toBe(true);
}, 60_000);

test('an edited export yields exactly its four changes in the dry run and after applying', async () => {
  const filed = sc.accounts.filter((a) => a.filing !== 'unfiled');
  const closedSite = sc.sites[1];
  const sitesBuf = await editExport(await siteFilingWorkbook(sc), (rows) =>
    rows.map((r) => (r[2] === closedSite.siteCode ? r.map((v, i) => (i === 10 ? '已关停' : v)) : r)),
  );
  const renamed = filed[0];
  const removed = filed[1];
  const accountsBuf = await editExport(await filingWorkbook(sc), (rows) => {
    const kept = rows.filter((r) => r[3] !== removed.uid).map((r) => (r[3] === renamed.uid ? r.map((v, i) => (i === 1 ? '新名称政务号' : v)) : r));
    const extra = [...kept[0]];
    extra[1] = '新开设的政务号';
    extra[3] = 'new-account-0001';
    extra[4] = '';
    return [...kept, extra];
  });
  const extraPlatform = (await importFile(accountsBuf, 'accounts-edited.xlsx', true)).created[0]?.key?.split(':')[0];

  const expectSites = (r: any) => {
    expect(r.created).toEqual([]);
    expect(r.absent).toEqual([]);
    expect(r.changed).toEqual([{ key: closedSite.siteCode, name: closedSite.name, changes: [{ field: 'state', before: 'running', after: 'closed' }] }]);
    expect(r.unchanged).toBe(sc.sites.length - 1);
  };
  const expectAccounts = (r: any) => {
    expect(r.errors).toEqual([]);
    expect(r.created).toEqual([{ key: `${extraPlatform}:new-account-0001`, name: '新开设的政务号' }]);
    expect(r.changed).toEqual([{ key: `${PLATFORM[renamed.platform]}:${renamed.uid}`, name: '新名称政务号', changes: [{ field: 'name', before: renamed.filedName, after: '新名称政务号' }] }]);
    expect(r.absent).toEqual([{ key: `${PLATFORM[removed.platform]}:${removed.uid}`, name: removed.filedName }]);
    expect(r.unchanged).toBe(filed.length - 2);
  };

  const before = await snapshot();
  const dryS = await importFile(sitesBuf, 'sites-edited.xlsx', true);
  const dryA = await importFile(accountsBuf, 'accounts-edited.xlsx', true);
  expectSites(dryS);
  expectAccounts(dryA);
  expect(await snapshot()).toEqual(before);

  const s = await importFile(sitesBuf, 'sites-edited.xlsx', false);
  const a = await importFile(accountsBuf, 'accounts-edited.xlsx', false);
  expectSites(s);
  expectAccounts(a);
  const after = await snapshot();
  // Absent rows are reported, not removed: the removed account is still registered.
  expect(after.c).toEqual({ ...before.c, accounts: before.c.accounts + 1, history: before.c.history + 3, imports: before.c.imports + 2, accountEvents: before.c.accountEvents + 1 });
  expect(after.sites.find((x: any) => x.site_code === closedSite.siteCode).state).toBe('closed');
  expect(after.accounts.find((x: any) => x.account_id === renamed.uid).name).toBe('新名称政务号');
  expect(after.accounts.find((x: any) => x.account_id === removed.uid)).toBeDefined();
  const hist = await ds.query(`SELECT before, after, by FROM registry_history WHERE entity_kind = 'site' AND before IS NOT NULL`);
  expect(hist).toEqual([{ before: { state: 'running' }, after: { state: 'closed' }, by: 'test-operator' }]);
  await expect(ds.query(`DELETE FROM registry_history`)).rejects.toThrow(/append-only/);

  // Applying the edited files again changes nothing more.
  expect(await importFile(sitesBuf, 'sites-edited.xlsx', false)).toMatchObject({ created: [], changed: [] });
  expect(await importFile(accountsBuf, 'accounts-edited.xlsx', false)).toMatchObject({ created: [], changed: [] });
  const final = await snapshot();
  expect(final.sites).toEqual(after.sites);
  expect(final.accounts).toEqual(after.accounts);
}, 60_000);

test('a bad file leaves the registry unchanged with a classified Chinese error', async () => {
  const before = await snapshot();
  const r = await gql(IMPORT, { f: Buffer.from('这不是表格').toString('base64'), n: 'sites.xlsx', d: false, v: false });
  expect(r.data).toBeNull();
  expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileBase64', classification: 'not-spreadsheet' });
  expect(r.errors?.[0].message).toMatch(/[\u4e00-\u9fff]/);
  // A file larger than express's default 100kb body still reaches the parser and gets its classified error.
  const big = await gql(IMPORT, { f: Buffer.alloc(600_000, 7).toString('base64'), n: 'big.xlsx', d: true, v: false });
  expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', classification: 'not-spreadsheet' });
  expect(await snapshot()).toEqual(before);
});

test('a file with row errors applies nothing unless validRowsOnly', async () => {
  const filed = sc.accounts.filter((a) => a.filing !== 'unfiled');
  const buf = await editExport(await filingWorkbook(sc), (rows) => {
    const good = [...rows[0]];
    good[1] = '有效新账号';
    good[3] = 'valid-new-0002';
    const bad = [...rows[0]];
    bad[1] = '区划错误账号';
    bad[3] = 'bad-region-0003';
    bad[7] = '12';
    return [...rows, good, bad];
  });
  const before = await snapshot();
  const refused = await importFile(buf, 'accounts-bad-row.xlsx', false);
  expect(refused.applied).toBe(false);
  expect(refused.errors.length).toBeGreaterThan(0);
  expect(refused.errors.every((e: { reason: string }) => /[\u4e00-\u9fff]/.test(e.reason))).toBe(true);
  expect(await snapshot()).toEqual(before);

  const partial = await importFile(buf, 'accounts-bad-row.xlsx', false, true);
  expect(partial.applied).toBe(true);
  expect(partial.created.map((c: { name: string }) => c.name)).toEqual(['有效新账号']);
  expect((await snapshot()).c.accounts).toBe(before.c.accounts + 1);
  expect(filed.length).toBeGreaterThan(0);
});

test('npm run registry -- import: dry run prints the diff, apply is recorded under --by', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-cli-'));
  try {
    const file = join(dir, 'accounts-cli.xlsx');
    writeFileSync(
      file,
      await editExport(await filingWorkbook(sc), (rows) => {
        const extra = [...rows[0]];
        extra[1] = '命令行新账号';
        extra[3] = 'cli-new-0004';
        return [...rows, extra];
      }),
    );
    const cli = join(__dirname, '..', '..', '..', 'tools', 'registry', 'cli.js');
    const run = (...args: string[]) => promisify(execFile)('node', [cli, 'import', file, ...args], { env: { ...process.env, REGISTRY_URL: service.url } });
    const before = await snapshot();
    const dry = await run('--dry-run');
    expect(dry.stdout).toContain('新增 1');
    expect(dry.stdout).toContain('命令行新账号');
    expect(await snapshot()).toEqual(before);
    const applied = await run('--by', '张三', '--json');
    expect(JSON.parse(applied.stdout)).toMatchObject({ applied: true, created: [{ name: '命令行新账号' }] });
    expect((await snapshot()).c.accounts).toBe(before.c.accounts + 1);
    const [last] = await ds.query(`SELECT by FROM filing_import WHERE file_name = 'accounts-cli.xlsx'`);
    expect(last.by).toBe('张三');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
