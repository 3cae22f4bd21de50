// Defacement signs in a page: gambling/porn keyword blocks, hijacked <title> / keywords, redirect scripts.
import { attr, hostOf, inlineText, isElement, walk } from './dom';
import { buildContext } from './context';
import { loadLexicon, type Lexicon } from './lexicon';
import { isGovernmentHost, sameSite } from './scope';
import { evalCalls, redirects } from './scripts';

export interface SpamSign {
  kind: 'spam-keywords' | 'title-hijack' | 'keyword-hijack' | 'redirect-script';
  evidence: string;
}

function hits(text: string, lex: Lexicon): { strong: string[]; weak: string[] } {
  const t = text.toLowerCase();
  return {
    strong: lex.spam.strong.filter((w) => t.includes(w.toLowerCase())),
    weak: lex.spam.weak.filter((w) => t.includes(w.toLowerCase())),
  };
}

/** Whether a short text (a link's anchor text) carries any spam vocabulary, strong or weak. */
export function hasSpamVocabulary(text: string, lex: Lexicon): boolean {
  const h = hits(text, lex);
  return h.strong.length + h.weak.length > 0;
}

/** Spam vocabulary is decisive when a strong term appears, or several distinct weak ones together. */
function spammy(text: string, lex: Lexicon, weakNeeded: number): boolean {
  const h = hits(text, lex);
  return h.strong.length > 0 || h.weak.length >= weakNeeded;
}

export function findSpam(html: string, lexicon: Lexicon = loadLexicon(), url = 'http://localhost/'): SpamSign[] {
  const ctx = buildContext(html ?? '', url);
  const out: SpamSign[] = [];
  const title = inlineText(ctx.$('title').get(0) ?? ctx.doc);
  if (title && spammy(title, lexicon, 2)) out.push({ kind: 'title-hijack', evidence: title });
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'meta' && /^keywords$/i.test(attr(n, 'name') ?? '')) {
      const c = attr(n, 'content') ?? '';
      if (spammy(c, lexicon, 2)) out.push({ kind: 'keyword-hijack', evidence: c });
    }
    return true;
  });
  // visible keyword blocks: the smallest visible element whose own text carries the vocabulary
  const reported = new Set<string>();
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (['script', 'style', 'head', 'title', 'noscript'].includes(n.name)) return false;
    if (ctx.vis.of(n)) return false;
    const own = n.children.filter((c) => c.type === 'text').map((c) => (c as unknown as { data: string }).data).join(' ').trim();
    if (own && spammy(own, lexicon, 3)) {
      const ev = inlineText(n);
      if (!reported.has(ev)) {
        reported.add(ev);
        out.push({ kind: 'spam-keywords', evidence: ev });
      }
    }
    return true;
  });
  for (const s of ctx.scripts) {
    for (const r of redirects(s)) {
      const host = hostOf(r.target.startsWith('//') ? `http:${r.target}` : r.target);
      if (!host || sameSite(`http://${host}/`, url) || isGovernmentHost(host)) continue;
      out.push({ kind: 'redirect-script', evidence: r.target });
    }
  }
  return out;
}

export interface ScriptSign {
  kind: 'document-write' | 'eval' | 'delayed-redirect' | 'redirect' | 'dynamic-html';
  evidence: string;
}

/** What inline scripts do that a dark-link scanner reports: document.write, eval, (delayed) redirects, innerHTML links. */
export function findScriptSigns(html: string, url = 'http://localhost/'): ScriptSign[] {
  const ctx = buildContext(html ?? '', url);
  const out: ScriptSign[] = [];
  for (const m of ctx.scriptMarkup) {
    if (m.via === 'document-write' && /<|https?:\/\//.test(m.markup)) out.push({ kind: 'document-write', evidence: m.markup.slice(0, 200) });
    if (m.via === 'inner-html' && /<a\s|https?:\/\//i.test(m.markup)) out.push({ kind: 'dynamic-html', evidence: m.markup.slice(0, 200) });
  }
  for (const s of ctx.scripts) {
    for (const e of evalCalls(s)) out.push({ kind: 'eval', evidence: e });
    for (const r of redirects(s)) out.push({ kind: r.delayed ? 'delayed-redirect' : 'redirect', evidence: r.target });
  }
  return out;
}
