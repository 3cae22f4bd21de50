// Parsing and iterative traversal. Hostile pages (5 MB of nested divs) must not blow the stack, so every
// walk here is iterative and the tree is flattened below MAX_DEPTH before cheerio or domutils touch it.
import type { AnyNode, ChildNode, Document, Element, ParentNode } from 'domhandler';
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';

/** Deeper nesting than this is flattened (real pages stay far below; domutils/css-select recurse). */
const MAX_DEPTH = 256;
/** Pages beyond this are cut (a result in bounded time beats completeness on garbage). */
export const MAX_HTML_CHARS = 8 * 1024 * 1024;

export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'th', 'thead', 'tfoot', 'tr', 'ul', 'center', 'title', 'option',
]);
/** Elements whose content is never visible text. */
export const NON_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'embed', 'svg', 'select', 'textarea', 'map']);

/** Nesting beyond this is dropped before parsing: the parser's tag stack costs O(depth) per tag. */
const MAX_PARSE_DEPTH = 1000;
/** Tags browsers close implicitly (or never open a level for), and links: they are never dropped nor counted. */
const NOT_NESTING = new Set(['a', 'iframe', 'frame', 'form', 'title', 'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'colgroup', 'rp', 'rt',
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'html', 'head', 'body']);

/** Removes open/close tags nested deeper than MAX_PARSE_DEPTH (hostile pages); normal pages pass unchanged. */
export function capNesting(html: string): string {
  if (html.length < MAX_PARSE_DEPTH * 4) return html;
  let depth = 0;
  let excess = 0;
  let dropped = false;
  const out = html.replace(/<!--[\s\S]*?-->|<(script|style|textarea)\b[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][\w:-]*)\b[^>]*>/g, (m, _raw, close: string, name: string) => {
    if (!name) return m;
    const tag = name.toLowerCase();
    if (NOT_NESTING.has(tag) || m.endsWith('/>')) return m;
    if (close) {
      if (excess > 0) {
        excess--;
        dropped = true;
        return '';
      }
      if (depth > 0) depth--;
      return m;
    }
    if (depth >= MAX_PARSE_DEPTH) {
      excess++;
      dropped = true;
      return '';
    }
    depth++;
    return m;
  });
  return dropped ? out : html;
}

/**
 * Parses with cheerio's htmlparser2 (lenient like browsers with tag soup; streaming, so deep nesting is
 * no problem for the parser itself) and flattens what is too deep for recursive helpers.
 */
export function parseHtml(html: string): { doc: Document; $: CheerioAPI } {
  const src = typeof html === 'string' ? (html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html) : '';
  const $ = cheerio.load(capNesting(src.replace(/\u0000/g, '')), { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } });
  const doc = $.root().get(0) as unknown as Document;
  flattenDeep(doc);
  return { doc, $ };
}

export function isElement(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

function hasChildren(n: AnyNode): n is ParentNode {
  return Array.isArray((n as ParentNode).children);
}

/** Re-parents everything below MAX_DEPTH onto the node at MAX_DEPTH (pre-order kept). */
function flattenDeep(doc: Document): void {
  const stack: [ParentNode, number][] = [[doc, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth >= MAX_DEPTH) {
      const flat: ChildNode[] = [];
      const todo: ChildNode[] = [...node.children].reverse();
      while (todo.length) {
        const c = todo.pop()!;
        if (hasChildren(c) && c.children.length) {
          const kids = c.children;
          (c as ParentNode).children = [];
          for (let i = kids.length - 1; i >= 0; i--) todo.push(kids[i]);
        }
        flat.push(c);
      }
      flat.forEach((c, i) => {
        c.parent = node;
        c.prev = flat[i - 1] ?? null;
        c.next = flat[i + 1] ?? null;
      });
      node.children = flat;
      continue;
    }
    for (const c of node.children) if (hasChildren(c) && c.children.length) stack.push([c, depth + 1]);
  }
}

/**
 * Pre-order walk. `enter` returns false to skip the node's children. `leave` runs after the children.
 */
export function walk(root: AnyNode, enter: (n: AnyNode) => boolean | void, leave?: (n: AnyNode) => void): void {
  const stack: { n: AnyNode; out: boolean }[] = [{ n: root, out: false }];
  while (stack.length) {
    const top = stack.pop()!;
    if (top.out) {
      leave?.(top.n);
      continue;
    }
    const descend = enter(top.n) !== false;
    if (leave) stack.push({ n: top.n, out: true });
    if (descend && hasChildren(top.n)) {
      const kids = top.n.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ n: kids[i], out: false });
    }
  }
}

export function attr(el: Element, name: string): string | null {
  const v = el.attribs?.[name];
  return v === undefined ? null : v;
}

/**
 * Text of a subtree: block elements break lines, whitespace collapses, script/style/comments are skipped.
 * `skip` excludes further elements (hidden ones).
 */
export function textOf(root: AnyNode, skip?: (el: Element) => boolean): string {
  const parts: string[] = [];
  walk(
    root,
    (n) => {
      if (n.type === 'text') {
        parts.push((n as unknown as { data: string }).data);
        return;
      }
      if (!isElement(n)) return n.type === 'root';
      if (n !== root && NON_TEXT_TAGS.has(n.name)) return false;
      if (n.type === 'script' || n.type === 'style') return false;
      if (skip && n !== root && skip(n)) return false;
      if (BLOCK_TAGS.has(n.name)) parts.push('\n');
      if (n.name === 'td' || n.name === 'th') parts.push(' ');
      return true;
    },
    (n) => {
      if (isElement(n) && BLOCK_TAGS.has(n.name)) parts.push('\n');
    },
  );
  return normaliseText(parts.join(''));
}

/** Collapses runs of spaces (incl. nbsp and ideographic space) and blank lines. */
export function normaliseText(s: string): string {
  return s
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.replace(/[\t \u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

/** One-line text (link titles, headings). */
export function inlineText(root: AnyNode): string {
  return textOf(root).replace(/\n+/g, ' ').trim();
}

export function absolutise(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim().replace(/[\r\n\t]/g, '');
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data|about|vbscript):/i.test(h)) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function ancestors(el: AnyNode): Element[] {
  const out: Element[] = [];
  let p = el.parent;
  while (p && isElement(p)) {
    out.push(p);
    p = p.parent;
  }
  return out;
}

/** class and id of an element, lower-cased, for structural hints (nav, footer, crumbs). */
export function classId(el: Element): string {
  return `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''}`.toLowerCase();
}

/** Text of a subtree if it is at most `max` characters (whitespace-collapsed), else null; stops early. */
export function boundedText(root: AnyNode, max: number): string | null {
  let out = '';
  let over = false;
  walk(root, (n) => {
    if (over) return false;
    if (n.type === 'text') {
      out += (n as unknown as { data: string }).data.replace(/\s+/g, ' ');
      if (out.trim().length > max) over = true;
      return false;
    }
    if (isElement(n) && n !== root && (n.type === 'script' || n.type === 'style' || NON_TEXT_TAGS.has(n.name))) return false;
    return true;
  });
  return over ? null : out.trim();
}
