import { loadScenario, startSimweb } from '@govinspect/simweb';
import { createLocalFetcher } from '../../libs/site-inspection/src';
import { analysePage } from '../../libs/site-inspection/src/local/analyse';
(async () => {
  const sc = loadScenario('libs/simweb/scenarios/demo-city.yaml');
  const web = await startSimweb({ scenario: sc });
  const f = createLocalFetcher({ policy: { mode: 'loopback', resolveMap: web.resolveMap } });
  const home = web.urlOf('yunxi-fgw');
  let t = performance.now();
  for (let i = 0; i < 30; i++) await f.fetch(home + 'zwgk/tzgg/');
  console.log('seq fetch ms/page', (performance.now() - t) / 30);
  t = performance.now();
  const r = await f.fetch(home + 'zwgk/tzgg/');
  for (let i = 0; i < 30; i++) analysePage(r.text!, home, { asOf: '2024-06-28T10:00:00+08:00' });
  console.log('analyse ms/page', (performance.now() - t) / 30);
  await f.close!(); await web.close();
})();
