// Versioned detector lexicon (wording errors, outdated institution names, spam vocabulary), validated with zod.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { PageAnalysisError } from './errors';

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const lexiconSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  $comment: z.string().optional(),
  wordingErrors: z.array(z.strictObject({ wrong: z.string().min(2), right: z.string().min(1), source: z.string().min(1) })),
  outdatedInstitutionNames: z.array(z.strictObject({ old: z.string().min(2), current: z.string().min(2), since: ymd, source: z.string().min(1) })),
  spam: z.strictObject({ source: z.string().min(1), strong: z.array(z.string().min(2)), weak: z.array(z.string().min(2)) }),
  benignHidden: z.array(
    z.strictObject({ host: z.string().optional(), urlContains: z.string().optional(), note: z.string().min(1) }).refine((x) => !!x.host !== !!x.urlContains, 'exactly one of host/urlContains'),
  ),
  /** 1.2.0: signals that make a hidden off-site link a link farm (older versions: spam vocabulary only). */
  hiddenLinkSignals: z.strictObject({ source: z.string().min(1), abusedTlds: z.array(z.string().regex(/^[a-z0-9-]+$/)) }).optional(),
});

export type Lexicon = z.infer<typeof lexiconSchema>;

export const DEFAULT_LEXICON_VERSION = '1.2.0';
const DIR = path.resolve(__dirname, '..', 'lexicon');
const cache = new Map<string, Lexicon>();

/** Validates a lexicon object (e.g. one read from elsewhere); throws PageAnalysisError LEXICON_INVALID. */
export function parseLexicon(data: unknown, origin = 'lexicon'): Lexicon {
  const r = lexiconSchema.safeParse(data);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new PageAnalysisError('LEXICON_INVALID', `${origin} 不符合词表格式：${issues.slice(0, 5).join('; ')}`, issues);
  }
  return r.data;
}

/** Loads lexicon/<version>.json (or a file path). Errors: LEXICON_NOT_FOUND, LEXICON_INVALID. */
export function loadLexicon(version: string = DEFAULT_LEXICON_VERSION): Lexicon {
  const hit = cache.get(version);
  if (hit) return hit;
  const file = version.endsWith('.json') ? path.resolve(version) : path.join(DIR, `${version}.json`);
  if (!/^[\w.\-/\\: ]+$/.test(version) || !fs.existsSync(file)) {
    throw new PageAnalysisError('LEXICON_NOT_FOUND', `词表版本不存在：${version}`, { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PageAnalysisError('LEXICON_INVALID', `词表不是合法的 JSON：${file}（${(e as Error).message}）`, { file });
  }
  const lex = parseLexicon(data, file);
  cache.set(version, lex);
  return lex;
}

export interface LexiconHit {
  kind: 'wording-error' | 'outdated-institution-name';
  /** The phrase as written (outdated names include the place name before them: 云溪市扶贫开发局). */
  phrase: string;
  right: string;
  context: string;
  since?: string;
}

const CJK = /[\u4e00-\u9fa5]/;
const PLACE_SUFFIX = /[省市县区州旗盟]$/;

function contextAround(text: string, i: number, len: number): string {
  return text.slice(Math.max(0, i - 20), Math.min(text.length, i + len + 20)).replace(/\s+/g, ' ');
}

/** Place name directly before an institution name ("云溪市" in 云溪市扶贫开发局). */
function placeBefore(text: string, i: number): string {
  let j = i;
  while (j > 0 && i - j < 12 && CJK.test(text[j - 1])) j--;
  const run = text.slice(j, i);
  if (!PLACE_SUFFIX.test(run)) return '';
  // a run that starts the phrase is the place name; inside a longer run take name + suffix (…的云溪市 → 云溪市)
  return run.length <= 6 ? run : run.slice(-3);
}

/**
 * Wording errors always; outdated institution names only when the text is dated on/after the rename
 * (`publishedAt` yyyy-MM-dd…; without a date an old name cannot be judged and is not reported).
 */
export function findLexiconHits(text: string, lexicon: Lexicon, opts: { publishedAt?: string | null } = {}): LexiconHit[] {
  const out: LexiconHit[] = [];
  if (!text) return out;
  for (const e of lexicon.wordingErrors) {
    let i = text.indexOf(e.wrong);
    while (i >= 0) {
      out.push({ kind: 'wording-error', phrase: e.wrong, right: e.right, context: contextAround(text, i, e.wrong.length) });
      i = text.indexOf(e.wrong, i + e.wrong.length);
    }
  }
  const published = opts.publishedAt ? opts.publishedAt.slice(0, 10) : null;
  const covered: [number, number][] = [];
  // longest names first, so 扶贫开发领导小组办公室 is not also reported as 扶贫办-like fragments
  for (const e of [...lexicon.outdatedInstitutionNames].sort((a, b) => b.old.length - a.old.length)) {
    let i = text.indexOf(e.old);
    while (i >= 0) {
      const end = i + e.old.length;
      if (!covered.some(([a, b]) => i < b && end > a)) {
        covered.push([i, end]);
        if (published && published >= e.since) {
          const place = placeBefore(text, i);
          out.push({ kind: 'outdated-institution-name', phrase: place + e.old, right: place + e.current, context: contextAround(text, i, e.old.length), since: e.since });
        }
      }
      i = text.indexOf(e.old, end);
    }
  }
  return out;
}
