// The 底部功能区 labels: 党政机关标识, 网站标识码, ICP备案编号, 公安机关备案标识, 主办单位, 我为政府网站找错.
// Read from the visible footer (then the whole visible page), and from markup scripts write (conac badge).
import { attr, isElement, walk } from './dom';
import type { PageContext } from './context';
import type { FooterLabels, PageLink } from './types';

const SITE_CODE = /(?:政府)?网站标识码\s*[：:]?\s*([A-Za-z0-9]{0,20})/;
const SITE_CODE_VALID = /^(\d{10}|bm\d{8})$/i;
// ICP: 京ICP备05070218号-1; malformed spellings lack the province or 号
const ICP = /([\u4e00-\u9fa5])?\s*ICP\s*(?:备案号|备|证)?\s*[：:]?\s*(\d{4,12})\s*(号)?(?:\s*[-－]\s*(\d+))?/i;
const ICP_VALID = /^[\u4e00-\u9fa5]ICP[备证]\d{6,10}号(-\d+)?$/;
const PSB = /([\u4e00-\u9fa5])?公网安备\s*[：:]?\s*(\d*)\s*(号)?/;
const PSB_VALID = /^[\u4e00-\u9fa5]公网安备\d{14}号$/;
const HOST_UNIT = /(?:主办单位|主办方|主办)\s*[：:]\s*([^\s|｜，,。©（(]+)/;
const ERROR_REPORT_TEXT = /我为政府网站找错|网站纠错|政府网站找错/;
const ERROR_REPORT_URL = /zfwzzc\.www\.gov\.cn|jiucuo|kaipuyun\.cn\/exposure/i;

function firstMatch(texts: string[], re: RegExp): RegExpExecArray | null {
  for (const t of texts) {
    const m = re.exec(t);
    if (m) return m;
  }
  return null;
}

export function footerLabels(ctx: PageContext, links: PageLink[], meta: Record<string, string>): FooterLabels {
  const written = ctx.scriptMarkup.map((s) => s.markup).join('\n');
  const texts = [ctx.footerText, ctx.text].filter(Boolean);

  // 党政机关标识: a link/script/element of conac.cn, or the _ideConac holder, visible or script-written
  let conacHref: string | null = null;
  let conac = false;
  for (const l of links) {
    if (/(^|\.)conac\.cn$/i.test(new URL(l.url).hostname) && l.hidden !== 'comment') {
      conac = true;
      conacHref ??= l.url;
    }
  }
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    const src = n.name === 'script' ? attr(n, 'src') : null;
    if (src && /conac\.cn/i.test(src)) {
      conac = true;
      conacHref ??= src;
    }
    if (attr(n, 'id') === '_ideConac') conac = true;
    return true;
  });
  const wm = /(?:src|href)\s*=\s*['"]?([^'"\s>]*conac\.cn[^'"\s>]*)/i.exec(written);
  if (wm || /_ideConac/.test(written)) {
    conac = true;
    conacHref ??= wm ? wm[1] : null;
  }

  const metaCode = Object.prototype.hasOwnProperty.call(meta, 'SiteIDCode') ? meta.SiteIDCode : null;
  const sc = firstMatch(texts, SITE_CODE);
  let siteCode: FooterLabels['siteCode'];
  if (sc) {
    const value = sc[1] || null;
    siteCode = { value, valid: !!value && SITE_CODE_VALID.test(value), text: sc[0].trim(), source: 'footer', metaValue: metaCode };
  } else if (metaCode) {
    siteCode = { value: metaCode, valid: SITE_CODE_VALID.test(metaCode), text: null, source: 'meta', metaValue: metaCode };
  } else siteCode = { value: null, valid: false, text: null, source: null, metaValue: metaCode };

  const im = firstMatch(texts, ICP);
  let icp: FooterLabels['icp'] = { value: null, valid: false, text: null };
  if (im) {
    const text = im[0].trim();
    const value = text.replace(/\s+/g, '').replace(/[：:]/, '').replace(/备案号/, '备').replace(/－/, '-');
    icp = { value, valid: ICP_VALID.test(value), text };
  }

  const pm = firstMatch(texts, PSB);
  let psb: FooterLabels['psb'] = { value: null, valid: false, text: null };
  if (pm) {
    const text = pm[0].trim();
    const value = text.replace(/\s+/g, '').replace(/[：:]/, '');
    psb = { value, valid: PSB_VALID.test(value), text };
  }

  const hm = firstMatch(texts, HOST_UNIT);
  const hostUnit = { value: hm ? hm[1].trim() : null };

  let errorReport: FooterLabels['errorReport'] = { present: false, href: null };
  const er = links.find((l) => l.hidden !== 'comment' && (ERROR_REPORT_TEXT.test(l.text) || ERROR_REPORT_URL.test(l.url)));
  if (er) errorReport = { present: true, href: er.url };
  else {
    walk(ctx.doc, (n) => {
      if (errorReport.present || !isElement(n)) return !errorReport.present && (n.type === 'root' || isElement(n));
      if (n.name === 'script' && (attr(n, 'id') === '_jiucuo_' || /jiucuo/i.test(attr(n, 'src') ?? ''))) errorReport = { present: true, href: attr(n, 'src') };
      return true;
    });
    if (!errorReport.present && ERROR_REPORT_TEXT.test(ctx.text)) errorReport = { present: true, href: null };
  }
  return { conac: { present: conac, href: conacHref }, siteCode, icp, psb, hostUnit, errorReport };
}
