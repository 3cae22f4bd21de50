// 页面标识 (底部功能区): 党政机关标识, 网站标识码 (format and match with the registry), ICP备案, 公安机关备案标识,
// 主办单位, 我为政府网站找错; and the 47号 meta tags of the homepage.
import type { FindingDraft } from '../finding';
import type { FooterLabels } from '@govinspect/page-analysis';
import type { SiteView } from '../site-view';

const NAMES = { conac: '党政机关网站标识', 'site-code': '网站标识码', icp: 'ICP备案编号', psb: '公安机关备案标识', 'host-unit': '主办单位', 'error-report': '我为政府网站找错' } as const;
type Label = keyof typeof NAMES;

export function footerLabels(view: SiteView): FindingDraft[] {
  const f = view.home.analysis?.footer;
  if (!f) return [];
  return footerFindings(f, view.homeUrl, view.site.siteCode, view.home.archiveId, '首页');
}

export function footerFindings(f: FooterLabels, url: string, registeredCode: string | undefined, archiveId: string | null, breadcrumb?: string): FindingDraft[] {
  const out: FindingDraft[] = [];
  const base = { url, breadcrumb, archiveId };
  const missing = (label: Label) => out.push({ ...base, type: 'footer-label-missing', evidence: `底部功能区缺少${NAMES[label]}`, attributes: { label }, key: label });
  const malformed = (label: Label, text: string, why?: string) => out.push({ ...base, type: 'footer-label-malformed', evidence: text, attributes: { label, ...(why ? { reason: why } : {}) }, key: label });
  if (!f.conac.present) missing('conac');
  // the footer label counts; a SiteIDCode meta alone is no 网站标识码 in the 底部功能区
  const sc = f.siteCode;
  if (sc.source !== 'footer' || !sc.value) missing('site-code');
  else if (!sc.valid) malformed('site-code', sc.text ?? sc.value, '网站标识码应为10位数字或bm加8位数字');
  else if (registeredCode && sc.value.toLowerCase() !== registeredCode.toLowerCase()) malformed('site-code', sc.text ?? sc.value, `与备案网站标识码${registeredCode}不一致`);
  if (!f.icp.text && !f.icp.value) missing('icp');
  else if (!f.icp.valid) malformed('icp', f.icp.text ?? f.icp.value!, 'ICP备案编号应含省份简称与“号”');
  if (!f.psb.text && !f.psb.value) missing('psb');
  else if (!f.psb.valid) malformed('psb', f.psb.text ?? f.psb.value!, '公安机关备案号应含14位备案编号');
  if (!f.hostUnit.value) missing('host-unit');
  if (!f.errorReport.present) missing('error-report');
  return out;
}

const SITE_METAS = ['SiteName', 'SiteDomain', 'SiteIDCode'];

export function metaTags(view: SiteView): FindingDraft[] {
  const a = view.home.analysis;
  if (!a) return [];
  return SITE_METAS.filter((m) => !a.meta[m]?.trim()).map((m) => ({
    type: 'meta-tag-missing' as const, url: view.homeUrl, breadcrumb: '首页', archiveId: view.home.archiveId,
    evidence: m in a.meta ? `<meta name="${m}" content="">` : `缺少<meta name="${m}">`, attributes: { element: m }, key: m,
  }));
}
