// Content sweeps over articles and their attachments: personal data (masked evidence), wording errors and outdated
// institution names from the lexicon (a renamed institution only counts in articles published after the rename).
import { cstDay } from '@govinspect/rule-sets';
import type { FindingDraft } from '../finding';
import { extractAttachmentText } from '../local/attachments';
import { findPrivacyLeaks } from '../local/privacy';
import { openLimits } from '../site-view';
import type { SiteView, ViewPage } from '../site-view';

const breadcrumbOf = (p: ViewPage) => p.analysis?.breadcrumb.join('>') || undefined;

function privacyDrafts(text: string, url: string, on: ViewPage, where: 'article' | 'attachment'): FindingDraft[] {
  return findPrivacyLeaks(text).map((h) => ({
    type: 'privacy-leak' as const, url, breadcrumb: breadcrumbOf(on), archiveId: on.archiveId, evidence: h.masked, key: h.masked,
    attributes: { privacyKind: h.kind, where, subject: h.masked },
  }));
}

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

export async function privacyLeaks(view: SiteView): Promise<{ findings: FindingDraft[]; attachmentErrors: { url: string; error: string; detail: string }[] }> {
  const out: FindingDraft[] = [];
  const errors: { url: string; error: string; detail: string }[] = [];
  const attachments: { url: string; on: ViewPage }[] = [];
  const seen = new Set<string>();
  for (const p of view.pages.values()) {
    const art = p.analysis?.article;
    if (!art) continue;
    out.push(...privacyDrafts(art.bodyText, p.url, p, 'article'));
    for (const a of art.attachments) if (!seen.has(a.url)) seen.add(a.url), attachments.push({ url: a.url, on: p });
  }
  if (view.fetcher) {
    await pool(attachments, 4, async ({ url, on }) => {
      const ext = /\.(\w+)(\?|$)/.exec(new URL(url).pathname)?.[1] ?? '';
      const r = await view.fetcher!.fetch(url, { limits: openLimits(view) });
      if (!r.ok || !r.body) return;
      const t = await extractAttachmentText(r.body, ext);
      if (!t.ok) {
        errors.push({ url, error: t.error, detail: t.detail });
        return;
      }
      out.push(...privacyDrafts(t.text, url, on, 'attachment'));
    });
  }
  return { findings: out, attachmentErrors: errors };
}

export function lexiconHits(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const p of view.pages.values()) {
    const art = p.analysis?.article;
    if (!art) continue;
    const text = art.bodyText;
    for (const e of view.lexicon.wordingErrors) {
      if (!text.includes(e.wrong)) continue;
      out.push({ type: 'wording-error', url: p.url, breadcrumb: breadcrumbOf(p), archiveId: p.archiveId, evidence: e.wrong, key: e.wrong, attributes: { right: e.right } });
    }
    const published = art.publishedAt ? cstDay(art.publishedAt.slice(0, 10)) : null;
    const matched: string[] = [];
    for (const n of view.lexicon.outdatedNames) {
      if (published === null || published < cstDay(n.since)) continue;
      if (matched.some((m) => m.includes(n.old))) continue; // 扶贫开发局 inside an already matched longer name
      for (const para of art.paragraphs) {
        const i = para.indexOf(n.old);
        if (i < 0) continue;
        // the full name as written: back to the start of the clause
        const head = para.slice(0, i).split(/[，。；：、！？,;:\s“”"（）()]/).pop() ?? '';
        const name = `${head}${n.old}`;
        matched.push(name);
        out.push({ type: 'outdated-institution-name', url: p.url, breadcrumb: breadcrumbOf(p), archiveId: p.archiveId, evidence: name, key: n.old, attributes: { current: n.new, since: n.since } });
        break;
      }
    }
  }
  return out;
}
