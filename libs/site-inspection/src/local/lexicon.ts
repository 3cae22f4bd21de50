// LOCAL lexicon handling (page-analysis's loadLexicon/findLexiconHits are not published yet).
import defaults from '../data/lexicon.json';
import type { Lexicon as PageAnalysisLexicon } from '@govinspect/page-analysis';
import type { Lexicon } from '../types';

/** The built-in lexicon (src/data/lexicon.json); callers pass their own to extend or replace it. */
export function defaultLexicon(): Lexicon {
  return { wordingErrors: defaults.wordingErrors, outdatedNames: defaults.outdatedNames, spamKeywords: defaults.spamKeywords };
}

const SPAM_PATTERN = new RegExp(defaults.spamPatterns.join('|'), 'i');

/** Number of spam signals in a text: lexicon keywords plus the generic gambling/porn patterns. */
export function spamHits(text: string, lexicon: Lexicon): number {
  if (!text) return 0;
  let n = 0;
  for (const k of lexicon.spamKeywords) if (text.includes(k)) n++;
  if (!n && SPAM_PATTERN.test(text)) n = 1;
  return n;
}

/** Accepts this library's lexicon or @govinspect/page-analysis's (loadLexicon), so the crawl service can pass either. */
export function toLexicon(l: Lexicon | PageAnalysisLexicon | undefined): Lexicon {
  if (!l) return defaultLexicon();
  if ('outdatedInstitutionNames' in l) {
    return {
      wordingErrors: l.wordingErrors.map((e) => ({ wrong: e.wrong, right: e.right })),
      outdatedNames: l.outdatedInstitutionNames.map((e) => ({ old: e.old, new: e.current, since: e.since })),
      spamKeywords: l.spam.strong,
    };
  }
  return l;
}
