import { loadScenario, generateScenario } from '@govinspect/simweb';
import { loadRuleSet } from '@govinspect/rule-sets';
import { inspectScenario, score, renderTable } from '../../libs/site-inspection/test/accuracy-harness';
(async () => {
  const rs = loadRuleSet('national-2019');
  const which = process.argv[2] ?? 'demo';
  const sc = which === 'demo' ? loadScenario('libs/simweb/scenarios/demo-city.yaml') : generateScenario({ seed: 7, sites: Number(process.argv[3] ?? 100), pagesPerSite: 120, asOf: new Date('2024-06-28T10:00:00+08:00') });
  const run = await inspectScenario(sc, rs, { concurrency: 6 });
  const rep = score(run.runs, run.truth, rs, run.asOf, run.labelsFiled, run.ms); console.log("gaps", rep.truthGaps);
  console.log(renderTable(rep));
  for (const m of rep.misses) console.log('MISS', m.type, m.siteId, m.url, m.evidence);
  for (const m of rep.extras.filter((e) => e.type !== 'survey-activity-held')) console.log('EXTRA', m.type, m.siteId, m.url, m.evidence);
  console.log('veto', JSON.stringify(rep.veto));
  console.log('failed', rep.failedSites, 'ms', Math.round(run.ms), 'pages', run.runs.reduce((s, r) => s + r.result.pagesFetched, 0));
  const probs = run.runs.flatMap((r) => r.result.problems.map((p) => `${r.siteId} ${p.where} ${p.error} ${p.detail.slice(0, 200)}`));
  console.log('slowest', run.runs.sort((a,b)=>b.ms-a.ms).slice(0,5).map(r=>r.siteId+' '+Math.round(r.ms)+' '+r.result.pagesFetched));
  console.log('problems', probs.slice(0, 10));
})();
