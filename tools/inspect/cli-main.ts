// Inspect one site (a URL; loopback egress by default, CRAWL_RESOLVE_MAP for the simulated web) or one saved HTML
// page, and print what the inspection sees: columns with their newest dates, footer labels, findings.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRuleSet } from '@govinspect/rule-sets';
import { inspectSavedPage, inspectSite, type ColumnInventoryItem, type FooterLabels } from '@govinspect/site-inspection';
import { decodeBody } from '@govinspect/web-fetch';
import { egressPolicyFromEnv, Fetcher } from '@govinspect/web-fetch';
import type { Finding } from '@govinspect/contracts';
import { exitFlushed } from '../exit-flushed';

const USAGE = `usage: npm run inspect -- <url | saved.html> [--as-of ISO] [--json] [--site-code X] [--url U] [--rule-set ID[@VERSION]] [--page-budget N]
  <url>         inspect the site (egress: CRAWL_EGRESS=loopback|public, default loopback; CRAWL_RESOLVE_MAP=resolve-map.json;
                CRAWL_CA_FILE=ca.pem to trust the simulated web's CA)
  <saved.html>  analyse one saved page; --url gives the address it was saved from (default http://saved.invalid/<file>)
  --as-of       monitoring time point (default: now)`;

class CliError extends Error {
  constructor(readonly code: string, message: string, readonly exitCode = 1) {
    super(message);
  }
}

function printColumns(cols: ColumnInventoryItem[]): void {
  console.log(`栏目 (${cols.length})`);
  for (const c of cols) {
    const state = c.blank ? '空白' : c.stale ? `未更新(>${c.window})` : c.needsRendering ? '需渲染' : '正常';
    console.log(`  ${c.breadcrumb}  [${c.columnClass} L${c.level}]  最新 ${c.lastUpdated ?? '—'}  条目 ${c.itemCount}  ${state}  ${c.url}`);
  }
}

function printFooter(f: FooterLabels): void {
  const v = (x: { text: string | null; value: string | null; valid: boolean }) => (x.text || x.value ? `${x.text ?? x.value}${x.valid ? '' : ' (格式错误)'}` : '缺失');
  const sc = f.siteCode;
  console.log('底部标识');
  console.log(`  党政机关标识: ${f.conac.present ? '有' : '缺失'}`);
  console.log(`  网站标识码: ${sc.source === 'footer' && sc.value ? `${sc.value}${sc.valid ? '' : ' (格式错误)'}` : '缺失'}  meta SiteIDCode: ${sc.metaValue === null ? '缺失' : sc.metaValue || '(空)'}`);
  console.log(`  ICP备案: ${v(f.icp)}`);
  console.log(`  公安机关备案: ${v(f.psb)}`);
  console.log(`  主办单位: ${f.hostUnit.value ?? '缺失'}`);
  console.log(`  我为政府网站找错: ${f.errorReport.present ? '有' : '缺失'}`);
}

function printFindings(fs: Finding[]): void {
  console.log(`发现的问题 (${fs.length})`);
  for (const f of fs) console.log(`  ${f.type}  ${f.location.breadcrumb ?? ''}  ${f.location.url}  — ${f.evidence.text}`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' }, json: { type: 'boolean' }, 'site-code': { type: 'string' }, url: { type: 'string' },
      'rule-set': { type: 'string' }, 'page-budget': { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE), 0;
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new CliError('INSPECT_USAGE', USAGE, 2);
  const asOfDate = values['as-of'] ? new Date(values['as-of']) : new Date();
  if (Number.isNaN(asOfDate.getTime())) throw new CliError('INSPECT_AS_OF', `--as-of "${values['as-of']}" is not an ISO date-time`, 2);
  const asOf = asOfDate.toISOString();
  const [rsId, rsVersion] = (values['rule-set'] ?? 'national-2019').split('@');
  const ruleSet = loadRuleSet(rsId, rsVersion);
  const isUrl = /^https?:\/\//i.test(target);
  if (!isUrl) {
    if (!existsSync(target)) throw new CliError('INSPECT_INPUT', `${target}: no such file (give a saved HTML page or an http(s) URL)`, 2);
    const { text, charset } = decodeBody(readFileSync(target));
    const url = values.url ?? `http://saved.invalid/${encodeURIComponent(basename(target))}`;
    const r = inspectSavedPage(text, url, { asOf, ruleSet, siteCode: values['site-code'] });
    if (values.json) return console.log(JSON.stringify({ asOf, charset, ...r }, null, 2)), 0;
    console.log(`${target} (${charset}) 监测时间点 ${asOf}`);
    console.log(`标题: ${r.page.title}`);
    if (r.page.breadcrumb?.length) console.log(`位置: ${r.page.breadcrumb.join('>')}`);
    if (r.page.article) console.log(`文章: ${r.page.article.title}  发布 ${r.page.article.publishedAt ?? '—'}  附件 ${r.page.article.attachments.length}`);
    printColumns(r.columns);
    printFooter(r.footer);
    printFindings(r.findings);
    return 0;
  }
  const policy = egressPolicyFromEnv();
  const ca = process.env.CRAWL_CA_FILE ? readFileSync(process.env.CRAWL_CA_FILE, 'utf8') : undefined;
  const fetcher = new Fetcher({ policy, caCertPem: ca, insecureTls: !ca });
  const host = new URL(target).hostname;
  try {
    const budget = values['page-budget'] ? Number(values['page-budget']) : undefined;
    if (budget !== undefined && !(budget > 0)) throw new CliError('INSPECT_USAGE', '--page-budget must be a positive integer', 2);
    const r = await inspectSite({
      runId: `cli-${asOf}`, asOf, ruleSet, fetcher, crawl: { pageBudget: budget },
      site: { id: host, name: host, url: target, siteCode: values['site-code'] ?? '', kind: 'department', regionCode: '' },
    });
    if (values.json) return console.log(JSON.stringify({ asOf, ...r }, null, 2)), r.status === 'failed' ? 1 : 0;
    console.log(`${target} 监测时间点 ${asOf}  状态 ${r.status}${r.error ? ` (${r.error})` : ''}  抓取页面 ${r.pagesFetched}`);
    if (r.status === 'failed') return 1;
    printColumns(r.columns);
    printFooter(r.footer);
    printFindings(r.findings);
    for (const p of r.problems) console.log(`  ! ${p.error} ${p.where}: ${p.detail.split('\n')[0]}`);
    return 0;
  } finally {
    await fetcher.close();
  }
}

main().then(
  (code) => exitFlushed(code),
  (e: Error & { code?: string; exitCode?: number }) => {
    console.error(`inspect: ${e.code ? `[${e.code}] ` : ''}${e.message}`);
    exitFlushed(e.exitCode ?? 1);
  },
);
