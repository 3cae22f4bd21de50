// The real-page answer key (test/real-pages.answer-key.ts) as a test, on the pages in ../shared/fixtures/real-pages
// (third-party data, read at test time). Skipped with a visible message where that folder is absent.
import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { analysePage, findSpam, loadLexicon, type PageAnalysis } from '../src';
import { REAL_PAGE_KEY, type RealPageKey } from './real-pages.answer-key';

const DIR = path.resolve(__dirname, '../../../../shared/fixtures/real-pages');
const present = fs.existsSync(DIR);
if (!present) console.warn(`[page-analysis] ${DIR} is absent: the real-page answer-key test is skipped`);
const d = present ? describe : describe.skip;

function read(k: RealPageKey): string {
  const name = fs.readdirSync(DIR).find((f) => f.endsWith(k.suffix));
  if (!name) throw new Error(`answer key names a page the folder lacks: ${k.suffix}`);
  const bytes = fs.readFileSync(path.join(DIR, name));
  return k.gbk ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
}

interface Read {
  key: RealPageKey;
  analysis: PageAnalysis;
  spam: ReturnType<typeof findSpam>;
}

/** Newest date of a block as an inspector reads it: pinned items do not count. */
function newestOf(a: PageAnalysis, name: string): { found: boolean; newest: string | null } {
  const block = a.lists.find((l) => l.heading === name);
  if (!block) return { found: false, newest: null };
  const dates = block.items.filter((i) => !i.pinned && i.date).map((i) => i.date!.slice(0, 10)).sort();
  return { found: true, newest: dates.at(-1) ?? null };
}

d('real-page answer key (../shared/fixtures/real-pages)', () => {
  const lexicon = loadLexicon();
  const reads: Read[] = present
    ? REAL_PAGE_KEY.map((key) => {
        const html = read(key);
        return { key, analysis: analysePage(html, key.url, key.asOf ? { asOf: key.asOf } : {}), spam: findSpam(html, lexicon, key.url) };
      })
    : [];

  it('the key covers every page of the folder', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.html'));
    for (const f of files) expect(REAL_PAGE_KEY.filter((k) => f.endsWith(k.suffix)).map((k) => k.suffix)).toHaveLength(1);
  });

  it('clean pages: 0 hidden-link and 0 spam findings', () => {
    const wrong = reads
      .filter((r) => !r.key.hacked)
      .filter((r) => r.analysis.hiddenLinks.length > 0 || r.spam.length > 0)
      .map((r) => ({ page: r.key.suffix, hiddenLinks: r.analysis.hiddenLinks, spam: r.spam }));
    expect(wrong).toEqual([]);
  });

  it('every hacked page is flagged', () => {
    const hacked = reads.filter((r) => r.key.hacked);
    expect(hacked.length).toBeGreaterThan(0);
    for (const r of hacked) console.log(`[real pages] hacked ${r.key.suffix}: ${r.analysis.hiddenLinks.length} hidden links, spam ${r.spam.map((x) => x.kind).join(', ')}`);
    for (const r of hacked) expect({ page: r.key.suffix, flagged: r.analysis.hiddenLinks.length + r.spam.length > 0 }).toEqual({ page: r.key.suffix, flagged: true });
  });

  it('网站标识码 found wherever the page shows one, and never invented', () => {
    const got = reads.map((r) => ({ page: r.key.suffix, siteCode: r.analysis.footer.siteCode.value }));
    const want = reads.map((r) => ({ page: r.key.suffix, siteCode: r.key.siteCode }));
    expect(got).toEqual(want);
    const shown = reads.filter((r) => r.key.siteCode).length;
    console.log(`[real pages] 网站标识码: ${got.filter((g, i) => g.siteCode === want[i].siteCode && g.siteCode).length}/${shown} found, ${got.filter((g, i) => g.siteCode && !want[i].siteCode).length} invented`);
  });

  it('column blocks: name + newest date (score printed; 0.9 not yet asserted)', () => {
    const rows: string[] = [];
    let right = 0;
    let all = 0;
    for (const r of reads) {
      for (const c of r.key.columns ?? []) {
        all++;
        const got = newestOf(r.analysis, c.name);
        const ok = got.found && got.newest === c.newest;
        if (ok) right++;
        rows.push(`${ok ? 'ok ' : 'NO '} ${r.key.suffix} | ${c.name} | want ${c.newest} | got ${got.found ? got.newest : '(no block)'}`);
      }
    }
    console.log(`[real pages] column blocks right (name + newest date): ${right}/${all}\n${rows.join('\n')}`);
    expect(all).toBeGreaterThan(0);
  });
});
