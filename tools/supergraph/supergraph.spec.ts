import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE, SubgraphSdl, checkComposition, subgraphSdlFile } from './compose-lib';
import { currentSubgraphSdls } from './current-sdls';

/**
 * The gateway serves the committed supergraph, so CI recomposes it from the subgraphs as the code defines them now:
 * composition must succeed, the committed files must be current, and the API must not break.
 */
describe('supergraph composition', () => {
  jest.setTimeout(120_000);
  let current: SubgraphSdl[];
  const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');

  beforeAll(async () => {
    current = await currentSubgraphSdls();
  });

  it('composes from the current subgraphs and matches the committed files (run `npm run compose` if not)', () => {
    const result = checkComposition(current, committed);
    expect(result.errors).toEqual([]);
    expect(result.breaking).toEqual([]);
    expect(result.supergraphSdl).toBe(committed);
    for (const s of current) expect(readFileSync(subgraphSdlFile(s.name), 'utf8')).toBe(s.sdl);
  });

  const edit = (name: string, from: RegExp, to: string): SubgraphSdl[] =>
    current.map((s) => {
      if (s.name !== name) return s;
      expect(s.sdl).toMatch(from); // the fixture edit must really apply
      return { ...s, sdl: s.sdl.replace(from, to) };
    });

  it('fails composition when a subgraph changes a shared key field incompatibly', () => {
    const broken = edit('crawl', /type Site\s*@key\(fields: "id"\)\s*\{\s*id: ID!/, 'type Site @key(fields: "id") {\n  id: Int!');
    const result = checkComposition(broken, committed);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.join('\n')).toMatch(/Site\.id/);
  });

  it('flags a removed field that clients query as a breaking change', () => {
    const broken = edit('scoring', /\n\s*"""failures \/ probes"""\n\s*ratio: Float\n/, '\n');
    const result = checkComposition(broken, committed);
    expect(result.errors).toEqual([]);
    expect(result.breaking).toEqual([expect.stringMatching(/FIELD_REMOVED: Availability\.ratio was removed/)]);
  });

  it('accepts an additive change', () => {
    const added = edit('scoring', /\n(\s*)"""failures \/ probes"""\n/, '\n$1newCounter: Int\n$1"""failures / probes"""\n');
    const result = checkComposition(added, committed);
    expect(result.errors).toEqual([]);
    expect(result.breaking).toEqual([]);
  });
});
