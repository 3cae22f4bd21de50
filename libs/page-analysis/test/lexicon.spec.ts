import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findLexiconHits, loadLexicon, PageAnalysisError, parseLexicon } from '../src';

describe('lexicon', () => {
  const lex = loadLexicon('1.0.0');

  it('loads the versioned file with citations on every entry', () => {
    expect(lex.version).toBe('1.0.0');
    expect(lex.wordingErrors.length).toBeGreaterThanOrEqual(8);
    for (const e of [...lex.wordingErrors, ...lex.outdatedInstitutionNames]) expect(e.source.length).toBeGreaterThan(3);
    expect(lex.outdatedInstitutionNames).toContainEqual(expect.objectContaining({ old: '扶贫开发局', current: '乡村振兴局', since: '2021-02-25' }));
  });

  it('contains every simweb wording error and spam keyword (the simulated web uses them)', () => {
    const sim = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../simweb/src/data/lexicon.json'), 'utf8'));
    for (const w of sim.wordingErrors) expect(lex.wordingErrors).toContainEqual(expect.objectContaining({ wrong: w.wrong, right: w.right }));
    for (const k of sim.spamKeywords) expect(lex.spam.strong).toContain(k);
  });

  it('1.2.0 (the default) keeps every 1.0.0 entry and adds the site inspection\'s former built-in entries; 1.0.0 stays loadable', () => {
    const cur = loadLexicon();
    expect(cur.version).toBe('1.2.0');
    for (const e of lex.wordingErrors) expect(cur.wordingErrors).toContainEqual(e);
    for (const e of lex.outdatedInstitutionNames) expect(cur.outdatedInstitutionNames).toContainEqual(e);
    for (const w of [...lex.spam.strong, ...lex.spam.weak]) expect([...cur.spam.strong, ...cur.spam.weak]).toContain(w);
    expect(cur.outdatedInstitutionNames).toContainEqual(expect.objectContaining({ old: '安全生产监督管理局', current: '应急管理局', since: '2018-04-16' }));
    expect(findLexiconHits('党的十九大精神精神', lex)).toEqual([]);
    expect(findLexiconHits('党的十九大精神精神', cur)).toEqual([expect.objectContaining({ kind: 'wording-error', right: '党的十九大精神' })]);
  });

  it('unknown version → LEXICON_NOT_FOUND; malformed file → LEXICON_INVALID', () => {
    expect(() => loadLexicon('9.9.9')).toThrow(expect.objectContaining({ code: 'LEXICON_NOT_FOUND' }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lex-'));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ version: '1.0.0', wordingErrors: [{ wrong: '乡村振新' }] }));
    expect(() => loadLexicon(bad)).toThrow(PageAnalysisError);
    expect(() => loadLexicon(bad)).toThrow(expect.objectContaining({ code: 'LEXICON_INVALID' }));
    const notJson = path.join(dir, 'nj.json');
    fs.writeFileSync(notJson, '{ not json');
    expect(() => loadLexicon(notJson)).toThrow(expect.objectContaining({ code: 'LEXICON_INVALID' }));
    expect(() => parseLexicon({ ...lex, outdatedInstitutionNames: [{ old: '扶贫办', current: '乡村振兴局', since: '2021/02/25', source: 'x' }] })).toThrow(
      expect.objectContaining({ code: 'LEXICON_INVALID' }),
    );
  });

  it('finds wording errors with their correction and context', () => {
    const hits = findLexiconHits('会议要求，全面贯彻落实十四伍规划有关部署要求。', lex, {});
    expect(hits).toEqual([expect.objectContaining({ kind: 'wording-error', phrase: '十四伍规划', right: '十四五规划' })]);
    expect(hits[0].context).toContain('全面贯彻落实');
  });

  it('reports an outdated institution name only on text dated on/after the rename', () => {
    const text = '云溪市扶贫开发局有关负责同志参加会议并作交流发言。';
    expect(findLexiconHits(text, lex, { publishedAt: '2024-06-01' })).toEqual([
      expect.objectContaining({ kind: 'outdated-institution-name', phrase: '云溪市扶贫开发局', right: '云溪市乡村振兴局', since: '2021-02-25' }),
    ]);
    expect(findLexiconHits(text, lex, { publishedAt: '2021-02-25T09:00' })).toHaveLength(1);
    expect(findLexiconHits(text, lex, { publishedAt: '2020-12-31' })).toEqual([]);
    expect(findLexiconHits(text, lex, { publishedAt: null })).toEqual([]);
  });

  it('reports the longest old name once (扶贫开发领导小组办公室 is not also 扶贫办-like fragments)', () => {
    const hits = findLexiconHits('县扶贫开发领导小组办公室召开会议', lex, { publishedAt: '2023-01-01' });
    expect(hits).toHaveLength(1);
    expect(hits[0].phrase).toBe('县扶贫开发领导小组办公室');
  });
});
