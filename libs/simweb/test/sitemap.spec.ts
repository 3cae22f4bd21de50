import { loadScenario, startSimweb, SimwebHandle } from '../src';
import { baseSite, fetchVia, scenarioWith } from './helpers';

describe('sitemap.xml', () => {
  let sim: SimwebHandle;
  beforeAll(async () => {
    sim = await startSimweb({ scenario: loadScenario(scenarioWith([baseSite('sm-a', 1)])), ipv6: false, https: false });
  });
  afterAll(() => sim?.close());

  it('is announced in robots.txt and lists the homepage and every column list page of the site', async () => {
    const url = sim.urlOf('sm-a');
    const robots = (await fetchVia(sim.resolveMap, new URL('/robots.txt', url).toString())).body.toString();
    const announced = /^Sitemap: (\S+)$/m.exec(robots)?.[1];
    expect(announced).toBe(new URL('/sitemap.xml', url).toString());
    const res = await fetchVia(sim.resolveMap, announced!);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    const locs = [...res.body.toString().matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain(url);
    const site = sim.farm.site(new URL(url).hostname)!;
    for (const c of site.columns) expect(locs).toContain(new URL(c.path, url).toString());
    for (const loc of locs) expect((await fetchVia(sim.resolveMap, loc)).status).toBe(200);
  });
});
