// Serves a scenario (or a generated farm) on loopback and writes the registry import files,
// the filing-system xlsx, the resolve map, the CA certificate and the ground truth.
import { parseArgs } from 'node:util';
import { generateScenario, loadScenario, type ScenarioModel, startSimweb, writeFarmFiles } from '@govinspect/simweb';
import { exitFlushed } from '../exit-flushed';

const USAGE = `usage: npm run simweb -- --scenario <file.yaml|json> [--as-of ISO] [--port N] [--host 127.0.0.1] [--out dir] [--once]
       npm run simweb -- --generate --seed N --sites N [--pages-per-site N] [--accounts N] --as-of ISO [...]
  --once   write the files and exit instead of serving`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' }, generate: { type: 'boolean' }, seed: { type: 'string' }, sites: { type: 'string' },
      'pages-per-site': { type: 'string' }, accounts: { type: 'string' }, 'as-of': { type: 'string' }, port: { type: 'string' },
      host: { type: 'string' }, out: { type: 'string' }, once: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.help || (!values.scenario && !values.generate)) {
    console.log(USAGE);
    return exitFlushed(values.help ? 0 : 2);
  }
  const asOf = values['as-of'] ? new Date(values['as-of']) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) throw new Error(`--as-of "${values['as-of']}" is not an ISO date`);
  const int = (name: string, v: string | undefined, dflt?: number) => {
    if (v === undefined) {
      if (dflt === undefined) throw new Error(`--${name} is required`);
      return dflt;
    }
    if (!/^\d+$/.test(v)) throw new Error(`--${name} must be a non-negative integer`);
    return Number(v);
  };
  let scenario: ScenarioModel;
  if (values.generate) {
    if (!asOf) throw new Error('--generate needs --as-of (the farm is reproducible only for a fixed monitoring time point)');
    scenario = generateScenario({ seed: int('seed', values.seed), sites: int('sites', values.sites), pagesPerSite: int('pages-per-site', values['pages-per-site'], 300), accounts: int('accounts', values.accounts, 0), asOf });
  } else {
    scenario = loadScenario(values.scenario!, { asOf });
  }
  const sim = await startSimweb({ scenario, host: values.host ?? '127.0.0.1', port: int('port', values.port, 0) });
  const out = values.out ?? '.cache/simweb';
  const files = await writeFarmFiles(out, scenario, sim);
  console.log(`simweb: ${scenario.name} as of ${scenario.asOf.toISOString()} — ${sim.sites.length} sites, ${scenario.accounts.length} accounts, ${sim.groundTruth.findings.length} ground-truth findings`);
  console.log(`listening: http 127.0.0.1:${sim.ports.ipv4}${sim.ports.ipv6 ? `, [::1]:${sim.ports.ipv6}` : ''}${sim.ports.https ? `, https 127.0.0.1:${sim.ports.https}` : ''} (route by Host header; see resolve-map.json)`);
  console.log(`wrote ${files.join(', ')}`);
  const first = sim.sites[0];
  if (first) console.log(`try: curl --connect-to ${new URL(first.url).hostname}:80:${sim.resolveMap[new URL(first.url).hostname].ipv4} ${first.url}`);
  if (values.once) {
    await sim.close();
    return;
  }
  const stop = () => void sim.close().then(() => exitFlushed(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: Error & { code?: string }) => {
  console.error(`simweb: ${e.code ? `[${e.code}] ` : ''}${e.message}`);
  exitFlushed(1);
});
