import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { EventEnvelope, scorecardPublished } from '@govinspect/contracts';
import { createBus, MessageBus, SubscriptionHandle } from '@govinspect/messaging';
import { dropDatabase, serviceDatabaseUrl } from '@govinspect/persistence';
import { SimwebHandle, loadScenario, startSimweb } from '@govinspect/simweb';
import { testKafkaBrokers, uniqueTopicPrefix } from '@govinspect/testing';
import { RunningGateway, startGateway } from '../../apps/gateway/src';
import { SERVICES, graphql, RunningPlatform, startPlatform } from '../platform/platform';
import { compose, fetchSdl } from '../supergraph/compose-lib';

const run = promisify(execFile);
const SCENARIO = resolve(__dirname, '../../libs/simweb/scenarios/demo-city.yaml');
const REGISTER = `mutation R($input: RegisterSiteInput!) { registerSite(input: $input) { id } }`;
const ROUND = `query($id: ID!) { round(id: $id) { id state targetCount bulletinUrl annexUrl summary { sitesChecked sitesPassed } } }`;

async function docxText(body: Buffer): Promise<{ text: string; pdf: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-lo-'));
  try {
    const src = join(dir, 'b.docx');
    writeFileSync(src, body);
    const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;
    for (const to of ['pdf', 'txt:Text']) {
      await run('libreoffice', [profile, '--headless', '--norestore', '--convert-to', to, '--outdir', dir, src], { timeout: 120_000 });
    }
    return { text: readFileSync(join(dir, 'b.txt'), 'utf8'), pdf: existsSync(join(dir, 'b.pdf')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A quarterly round over the demo city, through real Kafka and Postgres: registry → crawl (inspects the simweb farm on
 * loopback) → scoring (cards, published by an inspector) → reporting (bulletin .docx/.xlsx).
 */
describe('inspection round e2e (real Kafka, real Postgres, simweb)', () => {
  jest.setTimeout(900_000);
  const env = { ...process.env, DB_PREFIX: `gi_round_${randomBytes(4).toString('hex')}` };
  const work = mkdtempSync(join(tmpdir(), 'e2e-round-'));
  let bus: MessageBus;
  let platform: RunningPlatform;
  let simweb: SimwebHandle;
  let cardsSeen: SubscriptionHandle;
  let gateway: RunningGateway;
  const cards = new Map<string, EventEnvelope<any>>();

  beforeAll(async () => {
    const scenario = loadScenario(SCENARIO);
    simweb = await startSimweb({ scenario, https: false });
    // The crawl service reaches the simulated hosts only through this map (loopback; no DNS fallback).
    writeFileSync(join(work, 'resolve-map.json'), JSON.stringify(simweb.resolveMap));
    process.env.CRAWL_RESOLVE_MAP = join(work, 'resolve-map.json');
    process.env.CRAWL_ARCHIVE_DIR = join(work, 'evidence');
    process.env.CRAWL_PUBLIC_URL = '';
    const brokers = await testKafkaBrokers();
    bus = createBus({ env: { ...env, KAFKA_BROKERS: brokers, TOPIC_PREFIX: uniqueTopicPrefix('round') }, clientId: 'e2e-round' });
    expect(bus.kind).toBe('kafka');
    platform = await startPlatform({ bus, databaseUrlFor: (n) => serviceDatabaseUrl(n, env), randomPorts: true, gateway: false, outboxPollMs: 100 });
    // The gateway serves a supergraph composed from the running subgraphs, so this test exercises today's schemas
    // whether or not the committed SDL files were regenerated.
    const urls = Object.fromEntries(platform.services.map((s) => [s.name, s.url]));
    const composed = compose(await Promise.all(platform.services.map(async (s) => ({ name: s.name, url: s.url, sdl: await fetchSdl(s.url) }))));
    if (!composed.supergraphSdl) throw new Error(`supergraph does not compose: ${composed.errors.join('; ')}`);
    gateway = await startGateway({ port: 0, urls, supergraphSdl: composed.supergraphSdl });
    // The test reads the published cards straight off the bus, to compare the bulletin with them.
    await bus.ensureTopics([scorecardPublished.topic]);
    cardsSeen = await bus.subscribe({
      groupId: 'e2e-round.cards',
      topics: [scorecardPublished.topic],
      handler: async (m) => {
        const e = scorecardPublished.parse(m.value);
        const prev = cards.get(e.payload.targetId);
        if (!prev || prev.payload.version < e.payload.version) cards.set(e.payload.targetId, e);
      },
    });
  });

  afterAll(async () => {
    await cardsSeen?.stop();
    await gateway?.close();
    await platform?.close();
    await bus?.close();
    await simweb?.close();
    await Promise.all(SERVICES.map(({ name }) => dropDatabase(serviceDatabaseUrl(name, env))));
    rmSync(work, { recursive: true, force: true });
  });

  it('runs a round from registration to the published bulletin', async () => {
    const gw = gateway.url;
    const scenario = loadScenario(SCENARIO);
    await graphql(gw, `mutation($r: [RegionInput!]!) { upsertRegions(regions: $r) }`, {
      r: scenario.regions.map((r: any) => ({ code: r.code, name: r.name, level: r.level, parent: r.parent ?? null })),
    });
    for (const s of simweb.sites) {
      await graphql(gw, REGISTER, { input: { name: s.name, url: s.url, siteCode: s.siteCode, regionCode: s.regionCode, kind: s.kind.toUpperCase(), hostUnit: s.hostUnit } });
    }
    const asOf = '2024-06-28T10:00:00+08:00';
    const period = { key: '2024Q2', kind: 'quarter', from: '2024-03-31T16:00:00Z', to: '2024-06-30T15:59:59Z' };
    // Reporting learns the registrations from the bus; wait until its region sees them all.
    const wanted = simweb.sites.filter((s) => s.regionCode.startsWith('4213')).length;
    await until('reporting sees the registrations', async () => {
      const d = await graphql(gw, `{ regions { code summary { sites } } }`);
      return d.regions.reduce((n: number, r: any) => n + (r.code.startsWith('4213') ? r.summary.sites : 0), 0) === wanted;
    }, 60_000);

    const { createRound } = await graphql(gw, `mutation($i: CreateRoundInput!) { createRound(input: $i) { id state } }`, {
      i: {
        name: '2024年第二季度全市政府网站与政务新媒体检查',
        office: '云溪市人民政府办公室',
        regionCode: '421300',
        sample: { mode: 'COUNT', count: 6, seed: 'e2e' },
        asOf,
        period,
      },
    });
    const started = await graphql(gw, `mutation($id: ID!) { startRound(id: $id) { state targetCount } }`, { id: createRound.id });
    expect(started.startRound).toEqual({ state: 'INSPECTING', targetCount: 6 });

    // Crawl inspects the six sites and reports each completion; scoring keeps their cards under review.
    await until('every target inspected', async () => ['SCORING', 'READY'].includes((await graphql(gw, ROUND, { id: createRound.id })).round.state), 600_000, 2_000);
    // An inspector publishes the region's cards (drafts included: nobody reviews in this test).
    await until('all cards published', async () => {
      await graphql(gw, `mutation { publishScoreCards(regionCode: "421300", periodKey: "2024Q2", by: "e2e", includeDrafts: true) { cardId } }`);
      return (await graphql(gw, ROUND, { id: createRound.id })).round.state === 'READY';
    }, 120_000, 2_000);

    const pub = await graphql(gw, `mutation($id: ID!) { publishRound(id: $id, publishDate: "2024-07-05", by: "e2e") { state bulletinUrl annexUrl summary { sitesChecked sitesPassed } } }`, { id: createRound.id });
    expect(pub.publishRound.state).toBe('PUBLISHED');
    expect(pub.publishRound.summary.sitesChecked).toBe(6);

    const reporting = platform.services.find((s) => s.name === 'reporting')!.url.replace(/\/graphql$/, '');
    const res = await fetch(reporting + pub.publishRound.bulletinUrl);
    expect(res.status).toBe(200);
    const docx = Buffer.from(await res.arrayBuffer());
    // REPORTING_KEEP_BULLETIN=/path.docx keeps a copy to look at.
    if (process.env.REPORTING_KEEP_BULLETIN) writeFileSync(process.env.REPORTING_KEEP_BULLETIN, docx);
    const { text, pdf } = await docxText(docx);
    expect(pdf).toBe(true);
    const { sitesChecked, sitesPassed } = pub.publishRound.summary;
    const rate = `${Math.round((sitesPassed / sitesChecked) * 1000) / 10}%`;
    expect(text).toContain(`本次共检查云溪市${sitesChecked}家政府网站`);
    expect(text).toContain(`其中合格${sitesPassed}家，不合格${sitesChecked - sitesPassed}家`);
    expect(text).toContain(`总体合格率为${rate}`);
    expect(text).toContain('2024年7月5日');
    // Each target's annex row has its card's own sentences and score.
    const rows = (await graphql(gw, `query($id: ID!) { round(id: $id) { annex { sites { targetId unit problems score } accountsAvailable accountsByRegion { label } } } }`, { id: createRound.id })).round.annex;
    expect(rows.sites).toHaveLength(6);
    for (const r of rows.sites) {
      const c = cards.get(r.targetId)!.payload;
      expect([r.unit, r.problems, r.score]).toEqual([c.targetName, c.annex.problems, c.annex.score]);
      expect(text).toContain(c.targetName);
      for (const line of c.annex.problems.split('\n').filter(Boolean)) expect(text).toContain(line.trim());
      expect(text).toContain(c.annex.score);
    }
    // The new-media table: data once a new-media service publishes account cards, a marked placeholder until then.
    expect(text).toContain('市直/县市区');
    if (!rows.accountsAvailable) expect(text).toContain('【待接入】');

    const xlsx = await fetch(reporting + pub.publishRound.annexUrl);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as any);
    const sheet: string[][] = [];
    wb.getWorksheet('附件1')!.eachRow((row, n) => n > 2 && sheet.push([1, 2, 3].map((i) => String(row.getCell(i).value ?? ''))));
    expect(sheet).toEqual(rows.sites.map((r: any) => [r.unit, r.problems, r.score]));
  });
});

async function until(what: string, fn: () => Promise<boolean>, timeoutMs: number, everyMs = 500): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      if (await fn()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out: ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}
