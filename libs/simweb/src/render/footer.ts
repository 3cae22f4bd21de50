// The 底部功能区: 党政机关标识, 网站标识码, ICP备案编号, 公安机关备案标识, 主办/承办单位, 我为政府网站找错.
// Label spellings vary by template family the way real sites vary (checklist §8).
import type { SiteModel } from '../model/types';
import { hash32 } from '../util/hash';
import { esc } from './escape';

export const SERVICE_HOSTS = {
  conac: 'bszs.conac.cn',
  jiucuo: 'zfwzzc.www.gov.cn',
  miit: 'beian.miit.gov.cn',
  psb: 'www.beian.gov.cn',
} as const;

/** The exact malformed spellings served for footer-label-malformed (the ground truth quotes them). */
export function malformedLabel(site: SiteModel, label: 'siteCode' | 'icp' | 'psb'): string {
  if (label === 'siteCode') return `网站标识码：${site.siteCode.slice(0, -1)}`;
  if (label === 'icp') return `ICP备${(site.icpNumber ?? '00000000').replace(/\D/g, '')}`;
  return `${(site.psbNumber ?? '公网安备').replace(/\s*\d+号?$/, '')}号`;
}

export function siteCodeLabel(site: SiteModel): string {
  return { hanweb: `网站标识码：${site.siteCode}`, trs: `政府网站标识码：${site.siteCode}`, aspnet: `网站标识码 ${site.siteCode}` }[site.template];
}

export function renderFooter(site: SiteModel): string {
  const miss = site.footerMissing;
  const bad = site.footerMalformed;
  const parts: string[] = [];
  if (!miss.has('conac')) {
    const id = hash32(site.seed, site.id, 'conac').toString(16).toUpperCase();
    parts.push(
      `<span id="_ideConac"><a href="https://${SERVICE_HOSTS.conac}/sitename?method=show&amp;id=${id}" target="_blank"><img src="/images/red.png" alt="党政机关" width="48" height="56"></a></span>`,
    );
  }
  const line1: string[] = [];
  if (!miss.has('hostUnit')) line1.push(`主办单位：${esc(site.hostUnit)}`, `承办单位：${esc(site.operatorUnit)}`);
  if (!miss.has('siteCode')) line1.push(bad.has('siteCode') ? malformedLabel(site, 'siteCode') : siteCodeLabel(site));
  const line2: string[] = [];
  if (!miss.has('icp') && site.icpNumber) {
    const text = bad.has('icp') ? malformedLabel(site, 'icp') : esc(site.icpNumber);
    line2.push(`<a href="https://${SERVICE_HOSTS.miit}/" target="_blank">${text}</a>`);
  }
  if (!miss.has('psb') && site.psbNumber) {
    const text = bad.has('psb') ? malformedLabel(site, 'psb') : esc(site.psbNumber);
    const code = site.psbNumber.replace(/\D/g, '');
    line2.push(
      `<a href="http://${SERVICE_HOSTS.psb}/portal/registerSystemInfo?recordcode=${code}" target="_blank"><img src="/images/ga.png" alt="">${text}</a>`,
    );
  }
  if (!miss.has('jiucuo')) {
    line2.push(
      `<a href="https://${SERVICE_HOSTS.jiucuo}/check_web/errorInfo/jcInfoNew?sitecode=${site.siteCode}" target="_blank"><img src="/images/jiucuo.png" alt="">我为政府网站找错</a>`,
    );
  }
  const cls = { hanweb: 'footer', trs: 'bottom', aspnet: 'foot' }[site.template];
  return `<div class="${cls}">
<div class="${cls}-links"><a href="/">网站首页</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sybz/">使用帮助</a></div>
<div class="${cls}-info">${parts.join('')}
<p>${line1.join('&nbsp;&nbsp;')}</p>
<p>${line2.join('&nbsp;&nbsp;')}</p>
<p>版权所有：${esc(site.name)}&nbsp;&nbsp;联系电话：0715-${String(8000000 + (hash32(site.seed, site.id, 'tel') % 999999))}</p>
</div></div>`;
}
