// The team's own answer key for the real government pages in ../shared/fixtures/real-pages (third-party data,
// read at test time, never copied here). Each entry is what an inspector reads on the page as served (static
// HTML, no scripts run): hidden links or spam present, the 网站标识码 shown on the page (label + value; a code
// only inside a 找错 script or a meta tag is not "shown"), and, for pages with column blocks, each block's
// name (its heading or tab label) with its newest visible date (pinned items excluded; MM-DD years from the
// crawl date). Pages are named by a unique file-name suffix.

export interface ColumnKey {
  name: string;
  /** Newest visible date (YYYY-MM-DD) of the block; null when the block shows no dated item. */
  newest: string | null;
}

export interface RealPageKey {
  suffix: string;
  url: string;
  /** Crawl date (the clock of the page), needed for MM-DD dates. */
  asOf?: string;
  /** Bytes are GBK rather than UTF-8. */
  gbk?: boolean;
  /** Hidden links to other hosts or spam content (defacement) present. */
  hacked: boolean;
  /** 网站标识码 shown on the page, or null. */
  siteCode: string | null;
  columns?: ColumnKey[];
}

export const REAL_PAGE_KEY: RealPageKey[] = [
  { suffix: 'test-dark-link-SYNTHETIC.html', url: 'http://www.test.gov.cn/index.html', hacked: true, siteCode: null },
  { suffix: 'cmse-article-1.html', url: 'http://www.cmse.gov.cn/ztbd/xwfbh/201206/t20120624_49437.html', hacked: false, siteCode: null },
  { suffix: 'govcn-gongbao-article.html', url: 'https://www.gov.cn/gongbao/content/2007/content_711039.htm', hacked: false, siteCode: 'bm01000001' },
  { suffix: 'people-gb2312-declared.html', url: 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html', hacked: false, siteCode: null },
  { suffix: 'shanxi-gov-article.html', url: 'http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml', hacked: false, siteCode: '1400000045' },
  { suffix: 'zjfgw-deqing-article.html', url: 'http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html', hacked: false, siteCode: '3300000020' },
  { suffix: 'kepu-gov-cn-article-20231201.html', url: 'http://www.kepu.gov.cn/politics/2023-12/01/content_1755244.html', hacked: false, siteCode: 'bm06000004' },
  { suffix: 'theorychina-org-cn-issue-list-2022-4-PARTY-INSTITUTION.html', url: 'https://www.theorychina.org.cn/llzg-xs/qkyl/zgzydxgjxzxyxb_949/2022nd4q/', hacked: false, siteCode: null },
  { suffix: '91job-gov-cn-footer-excerpt-CRLF.html', url: 'http://www.91job.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'ahedu-gov-cn-footer-excerpt-CRLF.html', url: 'http://www.ahedu.gov.cn/', hacked: false, siteCode: '3400000072' },
  {
    suffix: 'alt-gov-cn-home-2018.html',
    url: 'http://www.alt.gov.cn/',
    asOf: '2018-03-22T18:00:00+08:00',
    hacked: false,
    siteCode: null,
    columns: [
      { name: '政务动态', newest: '2018-03-22' },
      { name: '公告通知', newest: '2018-03-13' }, // the first item is pinned and from 2016
      { name: '建言献策', newest: null }, // the list template sits inside a comment: the column is blank
    ],
  },
  { suffix: 'apta-gov-cn-home-GBK-REENCODED-DERIVED.html', url: 'http://www.apta.gov.cn/', gbk: true, hacked: false, siteCode: null },
  { suffix: 'aqsiq-gov-cn-tail-iframe-footer-nested-comment-excerpt.html', url: 'http://www.aqsiq.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'baic-gov-cn-footer-excerpt.html', url: 'http://www.baic.gov.cn/', hacked: false, siteCode: null }, // code only in the _jiucuo_ script
  { suffix: 'beian-gov-cn-js-redirect-stub-CRLF.html', url: 'http://www.beian.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'bjciq-gov-cn-tail-empty-footer-div-excerpt.html', url: 'http://www.bjciq.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'bjft-gov-cn-script-filled-lists-excerpt-LF.html', url: 'http://www.bjft.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'bjgjj-gov-cn-footer-excerpt.html', url: 'http://www.bjgjj.gov.cn/', hacked: false, siteCode: null },
  {
    suffix: 'bjgjj-gov-cn-tabs-mmdd-block-excerpt.html',
    url: 'http://www.bjgjj.gov.cn/',
    asOf: '2018-03-20T12:00:00+08:00',
    hacked: false,
    siteCode: null,
    columns: [
      { name: '中心新闻', newest: '2018-03-08' },
      { name: '通知公告', newest: '2018-03-15' }, // a tab pane hidden until its tab is chosen: still a block
    ],
  },
  { suffix: 'bjgtj-gov-cn-js-redirect-stub.html', url: 'http://www.bjgtj.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'bjjtgl-gov-cn-footer-easysite-hidden-credit-excerpt.html', url: 'http://www.bjjtgl.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'bjshy-gov-cn-tail-exit-warning-modal-excerpt-CRLF.html', url: 'http://www.bjshy.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'chinatax-gov-cn-home-iframe-shell-LF.html', url: 'http://www.chinatax.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'court-gov-cn-footer-excerpt-LF.html', url: 'http://www.court.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'court-gov-cn-tabs-block-excerpt-LF.html', url: 'http://www.court.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'gd-gov-cn-coremail-login-NONPORTAL-CRLF.html', url: 'http://gd.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'hangzhou-gov-cn-tail-hanweb-floating-ads-excerpt-LF.html', url: 'http://www.hangzhou.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'henan-gov-cn-footer-excerpt-CRLF.html', url: 'http://www.henan.gov.cn/', hacked: false, siteCode: '4100000001' },
  { suffix: 'hubei-gov-cn-footer-excerpt.html', url: 'http://www.hubei.gov.cn/', hacked: false, siteCode: '4200000093' },
  { suffix: 'miit-gov-cn-footer-excerpt-LF.html', url: 'http://www.miit.gov.cn/', hacked: false, siteCode: 'bm07000001' },
  { suffix: 'moe-gov-cn-footer-excerpt.html', url: 'http://www.moe.gov.cn/', hacked: false, siteCode: null }, // bm05000001 only in _jiucuo_
  { suffix: 'mof-gov-cn-ua-redirect-stub-CRLF.html', url: 'http://mof.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'mohrss-gov-cn-footer-excerpt.html', url: 'http://www.mohrss.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'ndrc-gov-cn-tail-js-footer-excerpt.html', url: 'http://www.ndrc.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'sh-gov-cn-object-moved-stub.html', url: 'http://sh.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'stats-gov-cn-footer-excerpt.html', url: 'http://www.stats.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'zj-gov-cn-tail-hidden-tabs-js-footer-excerpt-LF.html', url: 'http://www.zj.gov.cn/', hacked: false, siteCode: null },
  { suffix: 'ccgp-chengjiao-article-20210610-EDITED-COPY.html', url: 'http://www.ccgp.gov.cn/cggg/zygg/cjgg/202106/t20210610_16386519.htm', hacked: false, siteCode: 'bm14000002' },
];
