// Content sweeps over articles and their attachments: personal data (masked evidence), wording errors and outdated
// institution names from the lexicon (a renamed institution only counts in articles published after the rename).
import type { FindingDraft } from '../finding';
import { extractAttachmentText, findLexiconHits, findPrivacyLeaks, PageAnalysisError } from '@govinspect/page-analysis';
import { openLimits } from '../site-view';
import type { SiteView, ViewPage } from '../site-view';

const breadcrumbOf = (p: ViewPage) => p.analysis?.breadcrumb?.join('>') || undefined;
const READABLE = new Set(['docx', 'xlsx', 'pdf']);

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
    for (const a of art.attachments) if (!seen.has(a)) seen.add(a), attachments.push({ url: a, on: p });
  }
  if (view.fetcher) {
    await pool(attachments, 4, async ({ url, on }) => {
      const ext = (/\.(\w+)(\?|$)/.exec(new URL(url).pathname)?.[1] ?? '').toLowerCase();
      if (!READABLE.has(ext)) return void errors.push({ url, error: 'unsupported', detail: `.${ext} attachments are not read` });
      const r = await view.fetcher!.fetch(url, { limits: openLimits(view) });
      if (!r.ok || !r.body) return;
      let text: string;
      try {
        text = await extractAttachmentText(r.body, ext as 'docx' | 'xlsx' | 'pdf');
      } catch (err) {
        if (!(err instanceof PageAnalysisError)) throw err;
        return void errors.push({ url, error: err.code === 'ATTACHMENT_KIND_UNSUPPORTED' ? 'unsupported' : 'corrupt', detail: err.message });
      }
      out.push(...privacyDrafts(text, url, on, 'attachment'));
    });
  }
  return { findings: out, attachmentErrors: errors };
}

export function lexiconHits(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  const { outdatedInstitutionNames } = view.lexicon;
  for (const p of view.pages.values()) {
    const art = p.analysis?.article;
    if (!art) continue;
    const base = { url: p.url, breadcrumb: breadcrumbOf(p), archiveId: p.archiveId };
    // a renamed institution only counts in articles published after the rename (page-analysis applies `since`)
    for (const h of findLexiconHits(art.bodyText, view.lexicon, { publishedAt: art.publishedAt })) {
      if (h.kind === 'wording-error') {
        out.push({ ...base, type: 'wording-error', evidence: h.phrase, key: h.phrase, attributes: { right: h.right } });
        continue;
      }
      const entry = outdatedInstitutionNames.find((n) => h.phrase.endsWith(n.old));
      out.push({ ...base, type: 'outdated-institution-name', evidence: h.phrase, key: entry?.old ?? h.phrase, attributes: { current: entry?.current ?? h.right, since: h.since } });
    }
  }
  return out;
}
