// IPv6 and HTTPS availability of the homepage (W-D-IPV6, W-D-DOMAIN) and the .gov.cn domain rule.
import type { FindingDraft } from '../finding';
import { openLimits } from '../site-view';
import type { SiteView } from '../site-view';

export async function reachability(view: SiteView): Promise<FindingDraft[]> {
  if (!view.fetcher || !view.home.ok) return [];
  const host = new URL(view.homeUrl).host;
  const base = { url: view.homeUrl, breadcrumb: '首页', archiveId: view.home.archiveId };
  const out: FindingDraft[] = [];
  const limits = openLimits(view);
  // any HTTP answer counts as reachable: an error status is the availability check's business, not the protocol's
  const [v6, tls] = await Promise.all([
    view.fetcher.fetch(view.homeUrl, { family: 'ipv6', limits, ignoreRobots: true }),
    view.fetcher.fetch(`https://${host}/`, { limits, ignoreRobots: true }),
  ]);
  const reach = { ipv6: v6.status !== null, https: tls.status !== null };
  if (!reach.ipv6) out.push({ ...base, type: 'ipv6-unavailable', evidence: `${host} 无IPv6访问`, key: 'ipv6' });
  if (!reach.https) out.push({ ...base, type: 'https-unavailable', evidence: `https://${host}/ 无法访问`, key: 'https' });
  return out;
}

export function domainRule(view: SiteView): FindingDraft[] {
  const host = new URL(view.homeUrl).hostname.toLowerCase();
  if (host.endsWith('.gov.cn')) return [];
  return [{ type: 'domain-nonconforming', url: view.homeUrl, breadcrumb: '首页', archiveId: view.home.archiveId, evidence: `${host} 未使用.gov.cn域名`, key: 'domain' }];
}
