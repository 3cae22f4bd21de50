// Outgoing links of a site: links to peer sites of the scenario and the broken links a scenario injects.
import type { SiteModel } from '../model/types';
import { hash32 } from '../util/hash';

export interface Link {
  href: string;
  text: string;
}

export interface BrokenLink extends Link {
  kind: '404' | '500' | 'timeout' | 'unresolvable' | 'closed-domain';
  on: 'homepage' | 'article';
  defectNo: number;
}

export function peerLinks(site: SiteModel): Link[] {
  return site.peers;
}

/** Host of a government site closed during 集约化 (served as a closure notice; see server). */
export function closedDomainHost(site: SiteModel, n: number): string {
  return `www.${site.host.split('.').slice(-3, -2)[0] ?? 'gov'}fpb${n}.gov.cn`;
}

export function unresolvableHost(site: SiteModel, n: number): string {
  return `www.${site.host.split('.').slice(-3, -2)[0] ?? 'gov'}snyj${n}.gov.cn`;
}

const TEXT: Record<BrokenLink['kind'], string> = {
  '404': '2018年政府工作要点',
  '500': '政府信息公开目录',
  timeout: '依申请公开',
  unresolvable: '原县农业局网站',
  'closed-domain': '原扶贫开发办公室网站',
};

export function brokenLinks(site: SiteModel): BrokenLink[] {
  const out: BrokenLink[] = [];
  site.defects.forEach((d, n) => {
    if (d.type !== 'broken-link') return;
    const id = hash32(site.seed, site.id, 'bl', n) % 90000 + 10000;
    const href = {
      '404': `http://${site.host}/zwgk/tzgg/201805/t20180512_${id}.html`,
      '500': `http://${site.host}/cms/servlet/ShowArticle?id=${id}`,
      timeout: `http://${site.host}/gkml/search.jsp?cid=${id}`,
      unresolvable: `http://${unresolvableHost(site, n)}/`,
      'closed-domain': `http://${closedDomainHost(site, n)}/`,
    }[d.kind];
    out.push({ href, text: TEXT[d.kind], kind: d.kind, on: d.on, defectNo: n });
  });
  return out;
}

export function brokenLinksOn(site: SiteModel, on: 'homepage' | 'article'): BrokenLink[] {
  return brokenLinks(site).filter((l) => l.on === on);
}
