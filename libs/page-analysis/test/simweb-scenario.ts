// A small simulated city for page-analysis tests: one site per CMS template family, each with the traps
// and defects the detectors must read correctly (served by libs/simweb on loopback).
export const AS_OF = '2024-06-28T10:00:00+08:00';

const base = (id: string, n: number, template: 'hanweb' | 'trs' | 'aspnet', extra: Record<string, unknown>) => ({
  id,
  name: `测试市${id}局`,
  host: `${id}.csx.gov.cn`,
  kind: 'department',
  region: '429901',
  siteCode: `429901000${n}`,
  hostUnit: `测试市${id}局`,
  icpNumber: `鄂ICP备1234567${n}号-${n}`,
  psbNumber: `鄂公网安备 4299010200000${n}号`,
  template,
  ...extra,
});

export const SCENARIO = {
  version: 1,
  name: 'page-analysis-test',
  seed: 11,
  asOf: AS_OF,
  regions: [
    { code: '420000', name: '云泽省', level: 'province' },
    { code: '429901', name: '测试市', level: 'city', parent: '420000' },
  ],
  sites: [
    base('hw', 1, 'hanweb', {
      columns: {
        notice: { dateFormat: 'iso', pinned: 2, commentedOut: true, staleAttribute: true },
        news: { dateFormat: 'cn' },
        policy: { dateFormat: 'label' },
        interpretation: { dateFormat: 'bracket-md' },
        personnel: { jsFilled: true },
        planning: { items: 0 },
      },
      institution: { missing: ['officeHours', 'leaderName'] },
      leaders: { count: 3, missing: ['resume'] },
      surveys: { count: 4, feedbackMissing: 1 },
      messages: { count: 20, newest: '2d', interval: 9, replyDays: [1, 5], unanswered: 2 },
      defects: [
        { type: 'hidden-link', technique: 'display-none', count: 2 },
        { type: 'privacy-leak', kind: 'id-number', where: 'article', column: 'notice', item: 1 },
        { type: 'footer-label-malformed', labels: ['siteCode', 'icp', 'psb'] },
        { type: 'meta-sitecode-empty' },
        { type: 'forged-date', kind: 'year-2000' },
      ],
    }),
    base('trs', 2, 'trs', {
      charset: 'gbk',
      charsetDeclaration: 'meta',
      columns: {
        notice: { dateFormat: 'slash', items: 60 },
        news: { dateFormat: 'md' },
        policy: { dateFormat: 'tooltip' },
      },
      defects: [
        { type: 'hidden-link', technique: 'offscreen', count: 1 },
        { type: 'hidden-link', technique: 'tiny-font', count: 1 },
        { type: 'hidden-link', technique: 'js-write', count: 2 },
        { type: 'spam-keywords', count: 3 },
        { type: 'title-hijack' },
        { type: 'privacy-leak', kind: 'mobile', where: 'attachment', column: 'notice', item: 2 },
        { type: 'footer-label-missing', labels: ['conac', 'psb'] },
      ],
    }),
    base('asp', 3, 'aspnet', {
      columns: { notice: { dateFormat: 'tooltip' }, news: { dateFormat: 'iso' } },
      defects: [
        { type: 'hidden-link', technique: 'same-color', count: 1 },
        { type: 'hidden-link', technique: 'text-indent', count: 1 },
        { type: 'hidden-link', technique: 'hidden-iframe', count: 1 },
        { type: 'hidden-link', technique: 'visibility-hidden', count: 1 },
        { type: 'keyword-hijack' },
        { type: 'privacy-leak', kind: 'bank-card', where: 'attachment', column: 'policy', item: 0 },
        { type: 'privacy-leak', kind: 'id-number', where: 'attachment', column: 'policy', item: 1 },
        { type: 'outdated-institution-name', column: 'news', item: 0 },
        { type: 'wording-error', column: 'news', item: 1 },
      ],
    }),
  ],
};
