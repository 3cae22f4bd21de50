// Charset variants: the bytes are really in the site's encoding, the declaration is where the scenario
// says (header, meta, both, none, wrong), and decoding with the true charset gives back the intended text.
import iconv from 'iconv-lite';
import { CHARSET_DECLARATIONS, CHARSETS, decodeText, loadScenario, type SimwebHandle, startSimweb } from '../src';
import { renderHomepage } from '../src/render/pages';
import { charsetMeta } from '../src/render/encode';
import { baseSite, fetchVia, scenarioWith } from './helpers';

const combos = CHARSETS.flatMap((cs) => CHARSET_DECLARATIONS.map((d) => [cs, d] as const));
const sites = combos.map(([cs, d], i) => baseSite(`${cs.replace('-', '')}-${d}`, i + 1, { charset: cs, charsetDeclaration: d, template: (['hanweb', 'trs', 'aspnet'] as const)[i % 3] }));
const scenario = loadScenario(scenarioWith(sites));
let sim: SimwebHandle;
beforeAll(async () => {
  sim = await startSimweb({ scenario, https: false });
});
afterAll(() => sim.close());

const LABEL: Record<string, string[]> = { 'utf-8': ['utf-8'], gbk: ['gb2312', 'gbk'], gb18030: ['gb18030'] };

describe.each(combos)('%s declared in %s', (charset, decl) => {
  const site = () => scenario.sites.find((s) => s.charset === charset && s.charsetDeclaration === decl)!;

  test('decodes back to the intended text, byte for byte', async () => {
    const s = site();
    for (const path of ['/', '/zwgk/tzgg/', '/zwgk/jgzn/']) {
      const r = await fetchVia(sim.resolveMap, `http://${s.host}${path}`);
      expect(r.status).toBe(200);
      const text = decodeText(r.body, charset);
      expect(text).toContain(s.name);
      expect(text).toContain('网站标识码');
      const again = charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset);
      expect(again.equals(r.body)).toBe(true);
      if (path === '/') expect(text).toBe(renderHomepage(s, charsetMeta(charset, decl)));
    }
  });

  test('bytes are in the declared-or-not encoding and the label sits where configured', async () => {
    const s = site();
    const r = await fetchVia(sim.resolveMap, `http://${s.host}/`);
    const header = String(r.headers['content-type']).toLowerCase();
    const ascii = r.body.toString('latin1').toLowerCase();
    const metaLabel = /<meta[^>]+charset="?([\w-]+)/.exec(ascii)?.[1] ?? null;
    const headerLabel = /charset=([\w-]+)/.exec(header)?.[1] ?? null;
    const name = iconv.encode(s.name, charset === 'utf-8' ? 'utf8' : charset);
    expect(r.body.includes(name)).toBe(true);
    if (charset !== 'utf-8') expect(r.body.includes(Buffer.from(s.name, 'utf8'))).toBe(false);
    const right = LABEL[charset];
    if (decl === 'header') expect([right.includes(headerLabel!), metaLabel]).toEqual([true, null]);
    if (decl === 'meta') expect([headerLabel, right.includes(metaLabel!)]).toEqual([null, true]);
    if (decl === 'both') expect([right.includes(headerLabel!), right.includes(metaLabel!)]).toEqual([true, true]);
    if (decl === 'none') expect([headerLabel, metaLabel]).toEqual([null, null]);
    if (decl === 'wrong') {
      const label = headerLabel ?? metaLabel!;
      expect(right.includes(label)).toBe(false);
      // trusting the wrong label garbles the text
      expect(iconv.decode(r.body, label === 'utf-8' ? 'utf8' : label)).not.toContain(s.name);
    }
  });
});

test('GBK pages are real GBK bytes (two bytes per CJK character, lead byte ≥ 0x81)', async () => {
  const s = scenario.sites.find((x) => x.charset === 'gbk')!;
  const r = await fetchVia(sim.resolveMap, `http://${s.host}/`);
  const gbk = iconv.encode('政府信息公开', 'gbk');
  expect(gbk).toHaveLength(12);
  expect(r.body.includes(gbk)).toBe(true);
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(r.body)).toThrow();
});
