// Pagination of list pages: TRS createPageHTML(n, i, "index", "html") scripts, "共N页" / "1/3页" texts and
// numbered links; page URLs are listed in full when the CMS naming (index_N.html) is evident.
import { absolutise, attr, classId, inlineText, isElement, walk } from './dom';
import type { PageContext } from './context';

const PAGE_CLASS = /page|pag|fenye|fy\b|pages|turn/;

export function paginationOf(ctx: PageContext): { pageCount: number | null; pageUrls: string[] } {
  for (const s of ctx.scripts) {
    const m = /createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']/.exec(s);
    if (m) {
      const n = Number(m[1]);
      const urls: string[] = [];
      for (let i = 0; i < Math.min(n, 1000); i++) {
        const u = absolutise(i === 0 ? `${m[3]}.${m[4]}` : `${m[3]}_${i}.${m[4]}`, ctx.url);
        if (u) urls.push(u);
      }
      return { pageCount: n, pageUrls: urls };
    }
  }
  let count: number | null = null;
  const urls = new Set<string>();
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'script' || n.name === 'style') return false;
    const isPager = PAGE_CLASS.test(classId(n)) && !/foot|nav/.test(classId(n));
    if (!isPager) return true;
    const text = inlineText(n);
    if (!/下一页|上一页|尾页|末页|共\s*\d+\s*页|\d+\s*\/\s*\d+\s*页|^\s*1\b/.test(text)) return true;
    const m = /共\s*(\d+)\s*页/.exec(text) ?? /\d+\s*\/\s*(\d+)\s*页/.exec(text) ?? /第\s*\d+\s*页\s*[\/，,]\s*共\s*(\d+)\s*页/.exec(text);
    if (m) count = Number(m[1]);
    let maxNum = 0;
    walk(n, (x) => {
      if (!isElement(x) || x.name !== 'a') return true;
      const u = absolutise(attr(x, 'href'), ctx.url);
      const t = inlineText(x);
      if (u && (/^\d+$/.test(t) || /下一页|上一页|尾页|末页|首页/.test(t))) urls.add(u);
      if (/^\d+$/.test(t)) maxNum = Math.max(maxNum, Number(t));
      return false;
    });
    if (count === null && maxNum > 0) {
      // numbered pagers show every page, the current one unlinked
      const cur = /(?:^|\s)(\d+)(?:\s|$)/.exec(text.replace(/<[^>]+>/g, ''));
      count = Math.max(maxNum, cur ? Number(cur[1]) : 0);
    }
    return false;
  });
  const list = [...urls];
  const named = list.map((u) => /^(.*\/)([\w-]+?)_(\d+)\.(s?html?|aspx?|jsp|php)$/.exec(u)).find(Boolean);
  if (count && named) {
    const all: string[] = [];
    const base = named[1];
    const stem = named[2];
    const ext = named[4];
    for (let i = 0; i < Math.min(count, 1000); i++) all.push(i === 0 ? `${base}${stem}.${ext}` : `${base}${stem}_${i}.${ext}`);
    return { pageCount: count, pageUrls: all };
  }
  return { pageCount: count, pageUrls: list };
}
