// Defacement as real compromised government sites show it: hidden link farms, gambling/porn keyword
// blocks, title/keyword hijacks (cf. the first line of the 2020Q1 Anhui report), cloaking, referrer redirects.
// The ground truth calls the same functions, so it quotes exactly what is served.
import lexicon from '../data/lexicon.json';
import type { SiteModel } from '../model/types';
import type { SiteDefect } from '../scenario/schema';
import { hash32, pick } from '../util/hash';

export type HiddenTechnique = Extract<SiteDefect, { type: 'hidden-link' }>['technique'];

export interface SpamLink {
  href: string;
  text: string;
}

export function spamLinks(site: SiteModel, defectNo: number, count: number): SpamLink[] {
  const out: SpamLink[] = [];
  for (let i = 0; i < count; i++) {
    const k = [site.seed, site.id, 'spam', defectNo, i];
    const host = pick(lexicon.spamHosts, ...k, 'h');
    out.push({ href: `http://${host}/?id=${hash32(...k, 'q') % 100000}`, text: pick(lexicon.spamKeywords, ...k, 't') });
  }
  return out;
}

const A = (l: SpamLink) => `<a href="${l.href}" target="_blank">${l.text}</a>`;

export function hiddenLinkMarkup(technique: HiddenTechnique, links: SpamLink[]): string {
  const inner = links.map(A).join(' ');
  switch (technique) {
    case 'display-none':
      return `<div style="display:none">${inner}</div>`;
    case 'visibility-hidden':
      return `<div style="visibility:hidden;height:0;overflow:hidden">${inner}</div>`;
    case 'offscreen':
      return `<div style="position:absolute;left:-9999px;top:-9999px">${inner}</div>`;
    case 'text-indent':
      return `<p style="text-indent:-9999px;overflow:hidden;height:1px">${inner}</p>`;
    case 'tiny-font':
      return `<div style="font-size:0px;line-height:0">${inner}</div>`;
    case 'same-color':
      return `<div style="color:#ffffff;background-color:#ffffff">${inner}</div>`;
    case 'hidden-iframe':
      return links.map((l) => `<iframe src="${l.href}" width="0" height="0" frameborder="0" style="display:none"></iframe>`).join('');
    case 'js-write': {
      const js = links.map((l) => `<a href=\\"${l.href}\\">${l.text}</a>`).join('');
      return `<script type="text/javascript">document.write("<div style=\\"position:absolute;top:-999px\\">${js}</div>");</script>`;
    }
  }
}

/** Visible gambling/porn keyword block, as injected into defaced pages. */
export function spamKeywordBlock(site: SiteModel, defectNo: number, count: number): { markup: string; words: string[] } {
  const words: string[] = [];
  for (let i = 0; words.length < count && i < 50; i++) {
    const w = pick(lexicon.spamKeywords, site.seed, site.id, 'kw', defectNo, i);
    if (!words.includes(w)) words.push(w);
  }
  return { markup: `<div class="gg_link">${words.join('|')}</div>`, words };
}

/** Hijacked homepage title: a run of porn titles separated by |, like the Anhui report's first line. */
export function hijackedTitle(site: SiteModel): string {
  return spamKeywordBlock(site, 901, 5).words.join('|');
}

export function hijackedKeywords(site: SiteModel): string {
  return spamKeywordBlock(site, 902, 6).words.join(',');
}

export const SPIDER_UA = /Baiduspider|Googlebot|Sogou|360Spider|bingbot|YisouSpider|Bytespider/i;
export const SEARCH_REFERER = /^https?:\/\/([a-z0-9-]+\.)*(baidu\.com|so\.com|sogou\.com|sm\.cn|bing\.com|google\.com)(\/|$)/i;

export function cloakedPage(site: SiteModel): { html: string; words: string[] } {
  const { words } = spamKeywordBlock(site, 903, 6);
  const links = spamLinks(site, 903, 6);
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${words.join('_')}</title>
<meta name="keywords" content="${words.join(',')}"></head><body><h1>${words[0]}</h1>
<ul>${links.map((l) => `<li>${A(l)}</li>`).join('')}</ul></body></html>`;
  return { html, words };
}

export function redirectTarget(site: SiteModel): string {
  return `http://${pick(lexicon.spamHosts, site.seed, site.id, 'redir')}/`;
}
