// Which elements a browser would not show, and why: inline style, <style> rules, hidden attributes,
// colour equal to the background. Computed once per document; inherited down the tree.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Document, Element } from 'domhandler';
import { attr, isElement, walk } from './dom';
import type { HiddenTechnique } from './types';

export type Decls = Map<string, string>;

export function parseDeclarations(style: string | null | undefined): Decls {
  const out: Decls = new Map();
  if (!style) return out;
  for (const part of style.split(';')) {
    const i = part.indexOf(':');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim().toLowerCase();
    const v = part.slice(i + 1).replace(/!important/i, '').trim().toLowerCase();
    if (k && v) out.set(k, v);
  }
  return out;
}

/** Rules of a stylesheet outside @media/@supports blocks (those apply only to some screens). */
export function parseStylesheet(css: string): { selector: string; decls: Decls }[] {
  const src = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/<!--|-->/g, '');
  const out: { selector: string; decls: Decls }[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{', i);
    if (open < 0) break;
    const selector = src.slice(i, open).trim();
    if (selector.startsWith('@')) {
      // skip the whole at-rule block, nested braces included
      let depth = 1;
      let j = open + 1;
      while (j < src.length && depth > 0) {
        if (src[j] === '{') depth++;
        else if (src[j] === '}') depth--;
        j++;
      }
      i = j;
      continue;
    }
    const close = src.indexOf('}', open);
    if (close < 0) break;
    out.push({ selector, decls: parseDeclarations(src.slice(open + 1, close)) });
    i = close + 1;
  }
  return out;
}

function px(v: string | undefined): number | null {
  if (!v) return null;
  const m = /^(-?\d*\.?\d+)\s*(px|pt|em|rem|%)?$/.exec(v.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 'px';
  if (unit === 'em' || unit === 'rem') return n * 16;
  if (unit === 'pt') return n * 1.333;
  if (unit === '%') return n === 0 ? 0 : null;
  return n;
}

const NAMED: Record<string, string> = {
  white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff', gray: '#808080', grey: '#808080',
  silver: '#c0c0c0', yellow: '#ffff00', transparent: 'transparent',
};

export function normaliseColor(v: string | null | undefined): string | null {
  if (!v) return null;
  const s = v.trim().toLowerCase();
  if (NAMED[s]) return NAMED[s];
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) return `#${[...m[1]].map((c) => c + c).join('')}`;
  m = /^#([0-9a-f]{6})$/.exec(s);
  if (m) return s;
  m = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(s);
  if (m) {
    if (m[4] !== undefined && Number(m[4]) === 0) return 'transparent';
    return `#${[m[1], m[2], m[3]].map((x) => Math.min(255, Number(x)).toString(16).padStart(2, '0')).join('')}`;
  }
  return null;
}

/** The hiding technique a set of declarations applies to its element, strongest first. */
export function techniqueOf(d: Decls): HiddenTechnique | null {
  if (d.get('display') === 'none') return 'display-none';
  const vis = d.get('visibility');
  if (vis === 'hidden' || vis === 'collapse') return 'visibility-hidden';
  const op = d.get('opacity');
  if (op !== undefined && Number(op) === 0) return 'opacity';
  if (/alpha\(\s*opacity\s*=\s*0\s*\)/.test(d.get('filter') ?? '')) return 'opacity';
  const pos = d.get('position');
  if (pos === 'absolute' || pos === 'fixed') {
    for (const k of ['left', 'top', 'right', 'bottom']) {
      const n = px(d.get(k));
      if (n !== null && n <= -300) return 'offscreen';
    }
  }
  for (const k of ['margin-left', 'margin-top']) {
    const n = px(d.get(k));
    if (n !== null && n <= -1000) return 'offscreen';
  }
  const ti = px(d.get('text-indent'));
  if (ti !== null && ti <= -300) return 'text-indent';
  const fs = px(d.get('font-size'));
  if (fs !== null && fs <= 1) return 'tiny-font';
  const w = px(d.get('width'));
  const h = px(d.get('height'));
  if ((w === 0 && h === 0) || ((w === 0 || h === 0) && d.get('overflow') === 'hidden')) return 'zero-size';
  return null;
}

export interface Visibility {
  /** Effective technique hiding the element (own or inherited), null when shown. */
  of(el: Element): HiddenTechnique | null;
}

/** Properties that can hide content (or set the colours compared for same-colour text). */
const RELEVANT = /^(display|visibility|opacity|filter|position|left|top|right|bottom|margin-left|margin-top|text-indent|font-size|width|height|overflow|color|background|background-color|background-image)$/;

const SAFE_SELECTOR = /^[\w\s.#\-,>*[\]="'~+^$|]+$/;

/** Computes the effective visibility of every element of a document. */
export function computeVisibility($: CheerioAPI, doc: Document): Visibility {
  const ruleDecls = new Map<Element, Decls>();
  const rules = $('style')
    .toArray()
    .flatMap((st) => parseStylesheet($(st).text()))
    .filter((r) => [...r.decls.keys()].some((k) => RELEVANT.test(k)));
  // colour rules matter only where a text colour meets the same background colour somewhere on the page
  const colorOf = (d: Decls) => normaliseColor(d.get('color'));
  const bgOf = (d: Decls) => normaliseColor(d.get('background-color') ?? (d.get('background') ?? '').split(/\s+/).find((x) => normaliseColor(x)));
  const fgs = new Set<string>();
  const bgs = new Set<string>(['#ffffff']);
  for (const r of rules) {
    const f = colorOf(r.decls);
    const b = bgOf(r.decls);
    if (f) fgs.add(f);
    if (b) bgs.add(b);
  }
  walk(doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    const d = parseDeclarations(attr(n, 'style'));
    const f = colorOf(d) ?? normaliseColor(n.name === 'font' ? attr(n, 'color') : null);
    const b = bgOf(d) ?? normaliseColor(attr(n, 'bgcolor'));
    if (f) fgs.add(f);
    if (b) bgs.add(b);
    return true;
  });
  for (const r of rules) {
    const f = colorOf(r.decls);
    const b = bgOf(r.decls);
    const matters = techniqueOf(r.decls) !== null || (f !== null && bgs.has(f)) || (b !== null && fgs.has(b)) || r.decls.has('background-image') || /url\(/.test(r.decls.get('background') ?? '');
    if (!matters) continue;
    for (const sel of r.selector.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!SAFE_SELECTOR.test(sel)) continue; // pseudo-classes (:hover dropdowns) and odd syntax
      let matched: Element[] = [];
      try {
        matched = $(sel).toArray().filter(isElement) as Element[];
      } catch {
        continue;
      }
      for (const el of matched) {
        const d = ruleDecls.get(el) ?? new Map();
        for (const [k, v] of r.decls) d.set(k, v);
        ruleDecls.set(el, d);
      }
    }
  }
  const eff = new Map<Element, HiddenTechnique | null>();
  const color = new Map<Element, string | null>();
  const bg = new Map<Element, string | null>();
  walk(doc, (n: AnyNode) => {
    if (!isElement(n)) return n.type === 'root';
    const parent = n.parent && isElement(n.parent) ? n.parent : null;
    const d: Decls = new Map(ruleDecls.get(n) ?? []);
    for (const [k, v] of parseDeclarations(attr(n, 'style'))) d.set(k, v);
    if (attr(n, 'hidden') !== null) d.set('display', 'none');
    let own = techniqueOf(d);
    if (n.name === 'iframe' || n.name === 'frame') {
      const w = attr(n, 'width');
      const h = attr(n, 'height');
      if (own || (w !== null && Number(w) === 0) || (h !== null && Number(h) === 0) || (w !== null && h !== null && Number(w) <= 1 && Number(h) <= 1)) own = 'hidden-iframe';
    }
    if (!own && n.name === 'input' && (attr(n, 'type') ?? '').toLowerCase() === 'hidden') own = 'display-none';
    const fg = normaliseColor(d.get('color') ?? (n.name === 'font' ? attr(n, 'color') : null));
    const back = normaliseColor(d.get('background-color') ?? (d.get('background') ?? '').split(/\s+/).find((x) => normaliseColor(x)) ?? attr(n, 'bgcolor'));
    const hasImage = /url\(/.test(d.get('background') ?? '') || d.has('background-image');
    const pc = parent ? color.get(parent) ?? null : null;
    const pb = parent ? bg.get(parent) ?? null : null;
    const myColor = fg ?? pc;
    const myBg = hasImage ? null : back && back !== 'transparent' ? back : pb;
    color.set(n, myColor);
    bg.set(n, myBg);
    if (!own && fg && myBg && fg === myBg) own = 'same-color';
    let inherited = parent ? eff.get(parent) ?? null : null;
    // visibility is the one hiding property a descendant can undo (visibility:visible shows it again)
    if (inherited === 'visibility-hidden' && d.get('visibility') === 'visible') inherited = null;
    eff.set(n, inherited ?? own);
    return true;
  });
  return { of: (el) => eff.get(el) ?? null };
}
