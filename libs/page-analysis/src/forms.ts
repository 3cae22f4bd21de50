// Site search (W-D-SEARCH) and the consultation entry (W-V5: 网上咨询 / 信箱 / 留言).
import { absolutise, attr, inlineText, isElement, walk } from './dom';
import type { PageContext } from './context';
import type { PageAnalysis, SearchForm } from './types';

const SEARCH_HINT = /search|sousuo|ss|query|jansuo|jsearch|fulltext/i;

export function searchFormIn(ctx: PageContext): SearchForm | null {
  let found: SearchForm | null = null;
  walk(ctx.doc, (n) => {
    if (found || !isElement(n)) return !found && (n.type === 'root' || isElement(n));
    if (n.name !== 'form') return true;
    const action = attr(n, 'action') ?? '';
    let text: string | null = null;
    let hintInput = false;
    walk(n, (x) => {
      if (!isElement(x)) return true;
      if (x.name === 'input' || x.name === 'button') {
        const type = (attr(x, 'type') ?? 'text').toLowerCase();
        const name = attr(x, 'name');
        if ((type === 'text' || type === 'search') && name && text === null) text = name;
        if (/搜索|检索|查询|search/i.test(`${attr(x, 'value') ?? ''} ${attr(x, 'placeholder') ?? ''} ${inlineText(x)}`)) hintInput = true;
      }
      return true;
    });
    if (!(SEARCH_HINT.test(action) || SEARCH_HINT.test(`${attr(n, 'id') ?? ''} ${attr(n, 'name') ?? ''}`) || hintInput)) return false;
    const abs = absolutise(action || ctx.url, ctx.url);
    if (!abs) return false;
    const method = (attr(n, 'method') ?? 'get').toLowerCase() === 'post' ? 'post' : 'get';
    let urlTemplate: string | null = null;
    if (method === 'get' && text) {
      const u = new URL(abs);
      u.searchParams.delete(text);
      const q = u.search ? `${u.search}&` : '?';
      urlTemplate = `${u.origin}${u.pathname}${q}${encodeURIComponent(text)}={q}`;
    }
    found = { action: abs, method, queryParam: text, urlTemplate };
    return false;
  });
  return found;
}

/** The site-search form and its URL template (/search/?q={q}), when the page has one. */
export function searchFormOf(analysis: PageAnalysis): SearchForm | null {
  return analysis.searchForm;
}

const CONSULT = /我要咨询|网上咨询|在线咨询|咨询投诉|政务咨询|领导信箱|书记信箱|市长信箱|县长信箱|局长信箱|主任信箱|区长信箱|厅长信箱|信箱|我要留言|在线留言|留言板|留言咨询|政民互动|12345/;

/** The consultation channel (网上咨询 / 信箱 / 留言) entry of a page, if any. */
export function consultationChannel(analysis: PageAnalysis): { present: boolean; text: string | null; url: string | null } {
  const l = analysis.links.find((x) => !x.hidden && CONSULT.test(x.text));
  if (l) return { present: true, text: l.text, url: l.url };
  const m = CONSULT.exec(analysis.text);
  return m ? { present: true, text: m[0], url: null } : { present: false, text: null, url: null };
}

/** Every form of the page: action, method and the names of its inputs. */
export function formsIn(ctx: PageContext): { action: string; method: 'get' | 'post'; inputs: string[] }[] {
  const out: { action: string; method: 'get' | 'post'; inputs: string[] }[] = [];
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name !== 'form') return true;
    const action = absolutise(attr(n, 'action') || ctx.url, ctx.url);
    const inputs: string[] = [];
    walk(n, (x) => {
      if (isElement(x) && ['input', 'textarea', 'select'].includes(x.name) && attr(x, 'name')) inputs.push(attr(x, 'name')!);
      return true;
    });
    if (action) out.push({ action, method: (attr(n, 'method') ?? 'get').toLowerCase() === 'post' ? 'post' : 'get', inputs });
    return false;
  });
  return out;
}
