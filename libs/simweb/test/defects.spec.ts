// Every defect generator: the ground truth lists exactly the expected findings, and the served bytes
// contain what each finding's evidence says (and a clean site has no findings at all).
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { decodeText, type Finding, isValidIdNumber, loadScenario, luhnValid, pdfText, type SimwebHandle, startSimweb } from '../src';
import { postsOf, STOP_NOTICE } from '../src/newmedia/posts';
import { baseSite, failureOf, fetchVia, scenarioWith } from './helpers';

const sites = [
  baseSite('clean', 1),
  baseSite('stale', 2, { columns: { news: { newest: '30d' }, notice: { newest: '200d' }, policy: { newest: '200d' }, interpretation: { newest: '200d' }, personnel: { newest: '400d' } } }),
  baseSite('blank', 3, { columns: { planning: { items: 0 } } }),
  baseSite('footer', 4, { defects: [{ type: 'footer-label-missing', labels: ['psb', 'conac'] }, { type: 'footer-label-malformed', labels: ['siteCode'] }, { type: 'meta-sitecode-empty' }] }),
  baseSite('defaced', 5, {
    defects: [
      { type: 'hidden-link', technique: 'display-none', count: 3 },
      { type: 'hidden-link', technique: 'js-write', count: 2 },
      { type: 'spam-keywords', count: 4 },
      { type: 'title-hijack' },
      { type: 'keyword-hijack' },
      { type: 'cloaking' },
      { type: 'referrer-redirect' },
    ],
  }),
  baseSite('broken', 6, {
    defects: ['404', '500', 'timeout', 'unresolvable', 'closed-domain'].map((kind) => ({ type: 'broken-link', kind })).concat([{ type: 'broken-link', kind: '404', on: 'article' } as never]),
  }),
  baseSite('content', 7, {
    columns: { policy: { items: 40 } },
    defects: [
      { type: 'privacy-leak', kind: 'id-number', column: 'notice', item: 1 },
      { type: 'privacy-leak', kind: 'bank-card', where: 'attachment', column: 'policy', item: 0 },
      { type: 'privacy-leak', kind: 'mobile', where: 'attachment', column: 'notice', item: 2 },
      { type: 'outdated-institution-name', column: 'news', item: 2 },
      { type: 'wording-error', column: 'news', item: 0 },
    ],
  }),
  baseSite('forged1', 8, { defects: [{ type: 'forged-date', kind: 'year-2000' }] }),
  baseSite('forged2', 9, { defects: [{ type: 'forged-date', kind: 'start-equals-end' }] }),
  baseSite('interact', 10, {
    surveys: { count: 6, feedbackMissing: 2 },
    messages: { count: 40, unanswered: 2 },
    institution: { missing: ['officeHours', 'leaderName'] },
    leaders: { count: 3, missing: ['resume'] },
    policyLinks: { pairs: 3, oneWay: 1, missing: 1, uninterpreted: 1 },
    defects: [{ type: 'search-broken', mode: 'no-results' }],
  }),
  baseSite('down500', 11, { defects: [{ type: 'homepage-status', status: 500 }] }),
  baseSite('hang', 12, { defects: [{ type: 'homepage-hang' }] }),
  baseSite('flaky', 13, { defects: [{ type: 'availability', errorShare: 0.3, resetShare: 0.1 }] }),
  baseSite('noipv6', 14, { ipv6: false, https: false }),
];

const account = (id: string, extra: Record<string, unknown>) => ({ id, name: `测试${id}`, platform: 'weibo', hostUnit: '测试县clean局', region: '429901', ...extra });
const accounts = [
  account('ok', { platform: 'wechat' }),
  account('stale', { state: 'stale', newest: '40d' }),
  account('never', { state: 'never-updated', platform: 'douyin' }),
  account('stopped', { state: 'stopped', newest: '100d' }),
  account('closed', { comments: 'closed', platform: 'douyin' }),
  account('unfiled', { filing: 'unfiled', platform: 'douyin' }),
  account('mismatch', { filing: 'name-mismatch', platform: 'douyin' }),
  account('altered', { reposts: 'altered', platform: 'toutiao' }),
  account('norepost', { reposts: 'missing', platform: 'wechat' }),
  account('typo', { wordingError: true, platform: 'douyin' }),
];

const scenario = loadScenario(
  scenarioWith(sites, {
    accounts: accounts as never,
    assignedArticles: [{ id: 'a1', title: '国务院关于进一步优化营商环境的意见', source: '中国政府网', published: '10d' }],
  }),
);

let sim: SimwebHandle;
beforeAll(async () => {
  sim = await startSimweb({ scenario });
});
afterAll(() => sim.close());

const bySite = (id: string) => sim.groundTruth.findings.filter((f) => f.target.kind === 'site' && f.target.siteId === id);
const byAccount = (id: string) => sim.groundTruth.findings.filter((f) => f.target.kind === 'account' && f.target.accountId === id);
const types = (fs: Finding[]) => fs.map((f) => f.type).sort();
const siteOf = (id: string) => scenario.sites.find((s) => s.id === id)!;
const text = async (url: string, headers: Record<string, string> = {}) => {
  const host = new URL(url).hostname;
  const site = scenario.sites.find((s) => s.host === host);
  const r = await fetchVia(sim.resolveMap, url, { headers });
  return { ...r, text: decodeText(r.body, site?.charset ?? 'utf-8') };
};

describe('ground truth lists exactly the injected problems', () => {
  test.each([
    ['clean', []],
    ['stale', ['homepage-not-updated', 'interpretation-column-stale', 'news-column-stale', 'notice-column-stale', 'policy-column-stale', 'column-stale']],
    ['blank', ['column-blank']],
    ['footer', ['footer-label-missing', 'footer-label-missing', 'footer-label-malformed', 'meta-tag-missing']],
    ['defaced', ['hidden-link', 'hidden-link', 'hidden-link', 'hidden-link', 'hidden-link', 'illegal-content', 'defacement', 'defacement', 'defacement', 'defacement']],
    ['broken', Array(6).fill('broken-link')],
    ['content', ['privacy-leak', 'privacy-leak', 'privacy-leak', 'outdated-institution-name', 'wording-error']],
    ['forged1', ['forged-date']],
    ['forged2', ['forged-date']],
    ['down500', ['site-unavailable']],
    ['hang', ['site-unavailable']],
    ['flaky', ['site-unavailable']],
    ['noipv6', ['ipv6-unavailable', 'https-unavailable']],
  ])('%s', (id, expected) => {
    expect(types(bySite(id))).toEqual([...expected].sort());
  });

  test('interaction site', () => {
    const t = types(bySite('interact'));
    expect(t.filter((x) => x === 'survey-feedback-missing')).toHaveLength(2);
    expect(t.filter((x) => x === 'message-unanswered')).toHaveLength(2);
    expect(t.filter((x) => x === 'institution-info-missing')).toHaveLength(2);
    expect(t.filter((x) => x === 'leader-info-missing')).toHaveLength(1);
    expect(t.filter((x) => x === 'interpretation-link-missing')).toHaveLength(2);
    expect(t.filter((x) => x === 'interpretation-missing')).toHaveLength(1);
    expect(t.filter((x) => x === 'search-broken')).toHaveLength(1);
    expect(new Set(t).size).toBe(7);
  });

  test('every finding has a target, a location and evidence; ids are unique', () => {
    const ids = new Set(sim.groundTruth.findings.map((f) => f.id));
    expect(ids.size).toBe(sim.groundTruth.findings.length);
    for (const f of sim.groundTruth.findings) {
      expect(f.location.url).toMatch(/^https?:\/\//);
      expect(f.evidence.length).toBeGreaterThan(0);
    }
  });
});

describe('served bytes match the ground truth', () => {
  test('clean site: complete footer, no spam anywhere on its homepage', async () => {
    const { text: html } = await text('http://clean.cs.gov.cn/');
    for (const label of ['党政机关', '网站标识码：4299010001', '鄂ICP备12345671号', '鄂公网安备', '主办单位', '我为政府网站找错']) expect(html).toContain(label);
    expect(html).not.toMatch(/display:none|博彩|赌场|色情|bet/);
    const ua = await text('http://clean.cs.gov.cn/', { 'user-agent': 'Baiduspider' });
    expect(ua.text).toBe(html);
  });

  test('stale and blank columns', async () => {
    for (const f of [...bySite('stale'), ...bySite('blank')]) {
      const { status, text: html } = await text(f.location.url);
      expect(status).toBe(200);
      if (f.type === 'column-blank') {
        expect(html).toContain('暂无信息');
        expect(html).not.toMatch(/<ul class="list">\s*<li>/);
      } else if (f.type === 'homepage-not-updated') {
        expect(html).toContain(String(f.attributes.lastUpdated));
      } else {
        expect(html).toContain(f.evidence.split(' ')[0]);
        expect(f.location.breadcrumb).toMatch(/^首页>/);
      }
    }
  });

  test('footer labels', async () => {
    const { text: html } = await text('http://footer.cs.gov.cn/');
    expect(html).not.toContain('公网安备');
    expect(html).not.toContain('conac');
    const malformed = bySite('footer').find((f) => f.type === 'footer-label-malformed')!;
    expect(html).toContain(malformed.evidence);
    expect(html).not.toContain(`网站标识码：${siteOf('footer').siteCode}`);
    expect(html).toContain('<meta name="SiteIDCode" content="">');
  });

  test('defacement: hidden links, keyword blocks, hijacks, cloaking, referrer redirect', async () => {
    const { text: html } = await text('http://defaced.cs.gov.cn/');
    const hidden = bySite('defaced').filter((f) => f.type === 'hidden-link');
    for (const f of hidden) expect(html).toContain(f.evidence);
    // exactly as many spam hrefs as hidden-link findings (the keyword block carries no links)
    const spamHrefs = html.match(/href=\\?"http:\/\/(www\.8828bet-hg\.com|www\.amxpj-vip\.net|www\.rrcao-tv\.cc|m\.ssc-kj168\.com)[^"\\]*/g) ?? [];
    expect(spamHrefs).toHaveLength(hidden.length);
    const byVariant = (v: string) => bySite('defaced').find((f) => f.attributes.variant === v)!;
    expect(html).toContain(`<title>${byVariant('title-hijack').evidence}</title>`);
    expect(html).toContain(`name="keywords" content="${byVariant('keyword-hijack').evidence}"`);
    expect(html).toContain(bySite('defaced').find((f) => f.type === 'illegal-content')!.evidence);
    expect(html).not.toContain(byVariant('search-engine-cloaking').evidence);
    const spider = await text('http://defaced.cs.gov.cn/', { 'user-agent': 'Mozilla/5.0 (compatible; Baiduspider/2.0)' });
    expect(spider.text).toContain(byVariant('search-engine-cloaking').evidence);
    const ref = await fetchVia(sim.resolveMap, 'http://defaced.cs.gov.cn/', { headers: { referer: 'https://www.baidu.com/s?wd=x' } });
    expect(ref.status).toBe(302);
    expect(ref.headers.location).toBe(byVariant('referrer-redirect').evidence);
  });

  test('broken links fail the way the finding says', async () => {
    const found = bySite('broken');
    for (const f of found) {
      const { text: html } = await text(f.location.url);
      expect(html).toContain(f.evidence);
      const target = fetchVia(sim.resolveMap, f.evidence, { timeoutMs: 800 });
      switch (f.attributes.kind) {
        case '404':
          expect((await target).status).toBe(404);
          break;
        case '500':
          expect((await target).status).toBe(500);
          break;
        case 'timeout':
          expect(await failureOf(target)).toBe('ETIMEDOUT');
          break;
        case 'unresolvable':
          expect(sim.resolveMap[new URL(f.evidence).hostname]).toBeUndefined();
          expect(await failureOf(target)).toBe('ENOTFOUND');
          break;
        case 'closed-domain': {
          const r = await target;
          expect(r.status).toBe(404);
          expect(r.body.toString()).toContain('关停');
          break;
        }
      }
    }
    expect(found.some((f) => f.location.url.includes('/xwzx/'))).toBe(true);
  });

  test('privacy leaks, outdated names and wording errors in articles and attachments', async () => {
    for (const f of bySite('content')) {
      const r = await fetchVia(sim.resolveMap, f.location.url);
      expect(r.status).toBe(200);
      let body: string;
      const ext = f.location.url.split('.').pop();
      if (ext === 'pdf') body = pdfText(r.body).join('\n');
      else if (ext === 'docx') body = await (await JSZip.loadAsync(r.body)).file('word/document.xml')!.async('string');
      else if (ext === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(r.body as never);
        body = wb.worksheets[0].getSheetValues().flat().join('\n');
      } else body = decodeText(r.body, 'utf-8');
      expect(body).toContain(f.evidence);
      if (f.attributes.privacyKind === 'id-number') expect(isValidIdNumber(f.evidence)).toBe(true);
      if (f.attributes.privacyKind === 'bank-card') expect(luhnValid(f.evidence)).toBe(true);
      if (f.attributes.privacyKind === 'mobile') expect(f.evidence).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  test('forged dates', async () => {
    for (const id of ['forged1', 'forged2']) {
      const [f] = bySite(id);
      const { text: html } = await text(f.location.url);
      expect(html).toContain(f.evidence);
    }
    expect(bySite('forged1')[0].evidence).toContain('2000年3月30日');
    const [, a, b] = /征集时间：(.+)至(.+)$/.exec(bySite('forged2')[0].evidence)!;
    expect(a).toBe(b);
  });

  test('interaction: surveys, messages, institution, leaders, policy links, search', async () => {
    for (const f of bySite('interact')) {
      const { text: html } = await text(f.location.url);
      if (f.type === 'survey-feedback-missing') {
        expect(html).toContain(f.evidence);
        expect(html).not.toContain('征集结果反馈');
      } else if (f.type === 'message-unanswered') {
        expect(html).toContain(f.evidence.split(' ')[0]);
        expect(html).toContain('办理中');
      } else if (f.type === 'institution-info-missing') {
        if (f.attributes.element === '办公时间') expect(html).not.toContain('办公时间：');
        else expect(html).toContain('<p>负责人：</p>');
      } else if (f.type === 'leader-info-missing') {
        expect(html).not.toContain('简历：');
      } else if (f.type === 'interpretation-link-missing') {
        expect(html).not.toContain(f.attributes.direction === 'policy-to-interpretation' ? '相关解读' : '相关文件');
      } else if (f.type === 'interpretation-missing') {
        expect(html).toContain(f.evidence);
        expect(html).not.toContain('相关解读');
      } else if (f.type === 'search-broken') {
        const word = siteOf('interact').name.slice(0, 3);
        const { text: res } = await text(`http://interact.cs.gov.cn/search/?q=${encodeURIComponent(word)}`);
        expect(res).toContain('未找到');
      }
    }
    // a working search on the clean site finds items
    const { text: ok } = await text(`http://clean.cs.gov.cn/search/?q=${encodeURIComponent('测试县')}`);
    expect(ok).toContain('共找到');
  });

  test('availability: 500 homepage, hanging homepage, flaky site share', async () => {
    expect((await fetchVia(sim.resolveMap, 'http://down500.cs.gov.cn/')).status).toBe(500);
    expect(await failureOf(fetchVia(sim.resolveMap, 'http://hang.cs.gov.cn/', { timeoutMs: 500 }))).toBe('ETIMEDOUT');
    let failed = 0;
    for (let i = 0; i < 100; i++) {
      const r = await fetchVia(sim.resolveMap, 'http://flaky.cs.gov.cn/').catch(() => null);
      if (!r || r.status >= 500) failed++;
    }
    expect(failed).toBeGreaterThanOrEqual(25);
    expect(failed).toBeLessThanOrEqual(55);
  });

  test('no IPv6, no HTTPS', async () => {
    const entry = sim.resolveMap['noipv6.cs.gov.cn'];
    expect(entry.ipv6).toBeNull();
    expect(entry.https).toBeNull();
    if (sim.ports.ipv6) {
      const forced = fetchVia(sim.resolveMap, 'http://noipv6.cs.gov.cn/', { via: 'ipv6', forceAddress: `[::1]:${sim.ports.ipv6}` });
      expect(await failureOf(forced)).toMatch(/ECONNRESET|socket hang up/);
      expect((await fetchVia(sim.resolveMap, 'http://clean.cs.gov.cn/', { via: 'ipv6' })).status).toBe(200);
    }
    const tls = fetchVia(sim.resolveMap, 'https://noipv6.cs.gov.cn/', { forceAddress: `127.0.0.1:${sim.ports.https}`, ca: sim.caCertPem });
    expect(await failureOf(tls)).not.toBe('none');
    const ok = await fetchVia(sim.resolveMap, 'https://clean.cs.gov.cn/', { ca: sim.caCertPem });
    expect(ok.status).toBe(200);
  });
});

describe('new-media accounts', () => {
  const q = (u: string) => fetchVia(sim.resolveMap, u, { via: 'ipv4' }).then((r) => JSON.parse(r.body.toString()));
  const acc = (id: string) => scenario.accounts.find((a) => a.id === id)!;

  test('ground truth per account', () => {
    expect(types(byAccount('ok'))).toEqual([]);
    // it stopped posting before the assigned article appeared, so it also never reposted it
    expect(types(byAccount('stale'))).toEqual(['account-not-updated', 'mandated-repost-missing']);
    expect(types(byAccount('never'))).toEqual(['account-not-updated']);
    expect(types(byAccount('stopped'))).toEqual(['account-not-updated', 'account-stopped-not-deregistered', 'mandated-repost-missing']);
    expect(types(byAccount('closed'))).toEqual(['account-interaction-missing']);
    expect(types(byAccount('unfiled'))).toEqual(['account-unfiled']);
    expect(types(byAccount('mismatch'))).toEqual(['account-name-mismatch']);
    expect(types(byAccount('altered'))).toEqual(['mandated-repost-missing']);
    expect(types(byAccount('norepost'))).toEqual(['mandated-repost-missing']);
    expect(types(byAccount('typo'))).toEqual(['wording-error']);
  });

  test('platform surfaces show what the truth says', async () => {
    const weibo = (id: string) => q(`http://weibo.com/ajax/statuses/mymblog?uid=${acc(id).uid}&page=1`);
    const stale = await weibo('stale');
    const newest = new Date(stale.data.list[0].created_at.replace(/^\w+ (\w+) (\d+) ([\d:]+) \+0800 (\d+)$/, '$1 $2 $4 $3 GMT+0800'));
    expect(scenario.asOf.getTime() - newest.getTime()).toBeGreaterThan(14 * 86_400_000);
    const stopped = await weibo('stopped');
    expect(stopped.data.list[0].text_raw).toBe(STOP_NOTICE);
    const never = await q(`http://www.douyin.com/aweme/v1/web/aweme/post/?sec_user_id=MS4wLjABAAAA${acc('never').uid}`);
    expect(never.aweme_list).toHaveLength(0);
    const closed = await q(`http://www.douyin.com/aweme/v1/web/aweme/post/?sec_user_id=MS4wLjABAAAA${acc('closed').uid}`);
    expect(closed.aweme_list[0].item_comment_settings).toBe(3);
    const typo = byAccount('typo')[0];
    const tv = await q(`http://www.douyin.com/aweme/v1/web/aweme/post/?sec_user_id=MS4wLjABAAAA${acc('typo').uid}`);
    expect(tv.aweme_list[0].desc).toContain(typo.evidence);
    const altered = await q(`http://www.toutiao.com/api/pc/list/user/feed?category=profile_all&token=${acc('altered').uid}`);
    expect(altered.data.some((p: { title: string }) => p.title === byAccount('altered')[0].evidence)).toBe(true);
    expect(altered.data.some((p: { title: string }) => p.title === scenario.assignedArticles[0].title)).toBe(false);
    const ok = postsOf(scenario, acc('ok'));
    expect(ok.some((p) => p.title === scenario.assignedArticles[0].title && p.source === '中国政府网')).toBe(true);
  });

  test('filing system export differs from reality as the truth says', () => {
    const filed = new Map(sim.accounts.map((a) => [a.uid, a.name]));
    expect(filed.has(acc('unfiled').uid)).toBe(false);
    expect(filed.get(acc('mismatch').uid)).not.toBe(acc('mismatch').name);
    expect(filed.get(acc('ok').uid)).toBe(acc('ok').name);
  });
});
