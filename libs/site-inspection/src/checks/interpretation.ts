// 政策解读 ↔ 政策文件 (W-D-INTERP-LINK, W-D-INTERP-COVERAGE): for a sample of the newest 解读稿 (sample size from the
// rule set), the interpretation must link its policy and the policy must link back; sampled major policies (issued
// in the government's own name) must have a 解读.
import type { FindingDraft } from '../finding';
import { ruleParam } from '../rules';
import type { ColumnView, SiteView, ViewPage } from '../site-view';

const quoted = (t: string) => /《([^》]+)》/.exec(t)?.[1] ?? null;

function articlesOf(view: SiteView, cls: string): { col: ColumnView; page: ViewPage }[] {
  const out: { col: ColumnView; page: ViewPage }[] = [];
  // level-1 columns of the class, newest items first (list order)
  for (const col of view.columns.filter((c) => c.columnClass === cls && c.level === 1)) {
    const items = [...col.items].filter((i) => !i.pinned).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
    for (const it of items) {
      const page = view.pages.get(it.url);
      if (page?.analysis?.article) out.push({ col, page });
    }
  }
  return out;
}

const titleOf = (p: ViewPage) => p.analysis!.article!.title;
const linksOf = (p: ViewPage) => new Set(p.analysis!.article!.relatedLinks.map((l) => l.url));

export function interpretationLinks(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  const policies = articlesOf(view, 'policy');
  const interps = articlesOf(view, 'interpretation');
  const policyByUrl = new Map(policies.map((p) => [p.page.url, p]));
  const sample = interps.slice(0, ruleParam(view.ruleSet, 'W-D-INTERP-LINK.sampleSize'));
  for (const q of sample) {
    const qLinks = linksOf(q.page);
    const linked = [...qLinks].map((u) => policyByUrl.get(u)).find(Boolean);
    // the policy it interprets: its own link, else the policy whose title it quotes
    const name = quoted(titleOf(q.page));
    const policy = linked ?? (name ? policies.find((p) => titleOf(p.page).includes(name)) : undefined);
    if (!linked) {
      out.push({ type: 'interpretation-link-missing', url: q.page.url, breadcrumb: q.col.breadcrumb, archiveId: q.page.archiveId, evidence: titleOf(q.page), key: 'interpretation-to-policy', attributes: { direction: 'interpretation-to-policy', policy: policy?.page.url } });
    }
    if (policy && !linksOf(policy.page).has(q.page.url)) {
      out.push({ type: 'interpretation-link-missing', url: policy.page.url, breadcrumb: policy.col.breadcrumb, archiveId: policy.page.archiveId, evidence: titleOf(policy.page), key: 'policy-to-interpretation', attributes: { direction: 'policy-to-interpretation', interpretation: q.page.url } });
    }
  }
  return out;
}

/** Issued in the government's or the unit's own name (涉及面广的本地区本部门政策文件). */
function major(view: SiteView, title: string): boolean {
  const short = view.site.name.replace(/(人民政府|政府)$/, '');
  return title.startsWith(view.site.name) || title.startsWith(`${short}人民政府`) || title.startsWith(`${short}政府办公`);
}

export function interpretationCoverage(view: SiteView): FindingDraft[] {
  const policies = articlesOf(view, 'policy').filter((p) => major(view, titleOf(p.page)));
  const interps = articlesOf(view, 'interpretation');
  const interpUrls = new Set(interps.map((q) => q.page.url));
  const quotedNames = interps.map((q) => quoted(titleOf(q.page))).filter((x): x is string => !!x);
  const linkedFrom = new Set(interps.flatMap((q) => [...linksOf(q.page)]));
  const out: FindingDraft[] = [];
  for (const p of policies.slice(0, ruleParam(view.ruleSet, 'W-D-INTERP-COVERAGE.sampleSize'))) {
    const t = titleOf(p.page);
    const has = [...linksOf(p.page)].some((u) => interpUrls.has(u)) || linkedFrom.has(p.page.url) || quotedNames.some((n) => t.includes(n));
    if (!has) out.push({ type: 'interpretation-missing', url: p.page.url, breadcrumb: p.col.breadcrumb, archiveId: p.page.archiveId, evidence: t, key: 'coverage' });
  }
  return out;
}
