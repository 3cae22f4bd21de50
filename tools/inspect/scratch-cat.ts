import { loadScenario, computeGroundTruth } from '@govinspect/simweb';
import { loadRuleSet } from '@govinspect/rule-sets';
import { DEFECT_CATALOGUE } from '../../libs/site-inspection/test/defect-catalogue';
import { inspectScenario, score, renderTable } from '../../libs/site-inspection/test/accuracy-harness';
(async () => {
  const rs = loadRuleSet('national-2019');
  const sc = loadScenario(DEFECT_CATALOGUE);
  const run = await inspectScenario(sc, rs, { concurrency: 6 });
  const rep = score(run.runs, run.truth, rs, run.asOf, run.labelsFiled, run.ms);
  console.log(renderTable(rep).split('\n').filter((l) => !l.includes('survey-activity')).join('\n'));
  for (const m of rep.misses) console.log('MISS', m.type, m.siteId, m.url, m.evidence);
  for (const m of rep.extras.filter((e) => e.type !== 'survey-activity-held')) console.log('EXTRA', m.type, m.siteId, m.url, m.evidence);
  console.log('veto', JSON.stringify(rep.veto), 'failed', rep.failedSites, 'ms', Math.round(run.ms), 'gaps', rep.truthGaps);
  console.log(run.runs.flatMap((r) => r.result.problems.map((p) => `${r.siteId} ${p.where} ${p.error} ${p.detail.slice(0, 300)}`)).join('\n'));
})();
