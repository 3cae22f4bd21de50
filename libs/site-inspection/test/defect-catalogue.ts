// A scenario with every site defect and trap the inspection claims to handle that the demo city and the generated farm
// do not exercise: other hidden-link techniques, date formats, charsets, interaction gaps, malformed footers …
import type { ScenarioInput } from '@govinspect/simweb';

const site = (n: number, id: string, extra: Record<string, unknown>) => ({
  id, name: `溪东县测试局${n}`, host: `${id}.xdx.gov.cn`, kind: 'department', region: '421390', siteCode: `42139000${String(n).padStart(2, '0')}`,
  hostUnit: `溪东县测试局${n}`, icpNumber: `鄂ICP备0900${String(n).padStart(4, '0')}号`, psbNumber: `鄂公网安备 421390020000${String(n).padStart(2, '0')}号`, ...extra,
});

export const DEFECT_CATALOGUE = {
  version: 1,
  name: 'defect-catalogue',
  seed: 20240701,
  asOf: '2024-06-28T10:00:00+08:00',
  regions: [{ code: '420000', name: '云泽省', level: 'province' }, { code: '421390', name: '溪东县', level: 'county', parent: '420000' }],
  units: [],
  assignedArticles: [],
  sites: [
    site(1, 'leader', { leaders: { count: 3, missing: ['resume', 'photo'] }, institution: { missing: ['address', 'phone'] }, template: 'trs' }),
    site(2, 'msg', { messages: { count: 20, newest: '70d', interval: 5 }, template: 'trs' }),
    site(3, 'interp', { policyLinks: { pairs: 2, missing: 1, uninterpreted: 1 }, columns: { interpretation: { items: 2 } } }),
    {
      ...site(4, 'portal', { template: 'aspnet' }), kind: 'portal', name: '溪东县人民政府', hostUnit: '溪东县人民政府办公室', host: 'www.xdx.gov.cn',
      columns: { 'service-stats': { newest: '4M' }, notice: { pinned: 2, staleAttribute: true, dateFormat: 'md' }, news: { dateFormat: 'tooltip' }, policy: { dateFormat: 'cn' }, 'dept-news': { dateFormat: 'bracket-md' } },
    },
    site(5, 'foot', { template: 'trs', charset: 'gbk', charsetDeclaration: 'wrong', defects: [{ type: 'footer-label-malformed', labels: ['icp', 'psb'] }, { type: 'footer-label-missing', labels: ['conac', 'jiucuo', 'hostUnit'] }] }),
    site(6, 'search500', { defects: [{ type: 'search-broken', mode: '500' }] }),
    site(7, 'maint', { template: 'aspnet', charset: 'gb18030', charsetDeclaration: 'none', defects: [{ type: 'search-broken', mode: 'maintenance' }] }),
    site(8, 'hidden', {
      defects: [
        { type: 'hidden-link', technique: 'visibility-hidden', count: 2 }, { type: 'hidden-link', technique: 'offscreen', count: 2 },
        { type: 'hidden-link', technique: 'text-indent', count: 2 }, { type: 'hidden-link', technique: 'tiny-font', count: 2 },
        { type: 'hidden-link', technique: 'same-color', count: 2 }, { type: 'hidden-link', technique: 'hidden-iframe', count: 2 },
        { type: 'spam-keywords', count: 4 }, { type: 'referrer-redirect' },
      ],
    }),
    site(9, 'privacy', {
      defects: [
        { type: 'privacy-leak', kind: 'bank-card', where: 'attachment', column: 'policy', item: 0 },
        { type: 'privacy-leak', kind: 'id-number', where: 'attachment', column: 'notice', item: 2 },
        { type: 'privacy-leak', kind: 'mobile', where: 'article', column: 'news', item: 1 },
        { type: 'wording-error', column: 'notice', item: 3, entry: 7 },
      ],
    }),
    site(10, 'survey', { surveys: { count: 6, feedbackMissing: 2 }, defects: [{ type: 'forged-date', kind: 'start-equals-end' }] }),
    site(11, 'broken', { template: 'aspnet', defects: [{ type: 'broken-link', kind: '500', on: 'article' }, { type: 'broken-link', kind: '404', on: 'article' }] }),
    site(12, 'jsfill', { columns: { news: { jsFilled: true }, notice: { commentedOut: true, jsFilled: true }, personnel: { items: 0 }, planning: { items: 0 } } }),
    site(13, 'homestale', { template: 'trs', columns: { news: { newest: '20d' }, notice: { newest: '30d' }, policy: { newest: '40d' }, interpretation: { newest: '50d' } } }),
    site(14, 'ipv4only', { ipv6: false, https: false, template: 'aspnet' }),
  ],
  accounts: [],
} as unknown as ScenarioInput;
