// Writes what the CLI hands to the rest of the platform: registry imports, filing-system xlsx,
// the resolve map and the ground truth.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioModel } from '../model/types';
import type { SimwebHandle } from '../server/start';
import { filingWorkbook, siteFilingWorkbook } from './registry';

export async function writeFarmFiles(dir: string, sc: ScenarioModel, h: Pick<SimwebHandle, 'resolveMap' | 'sites' | 'accounts' | 'groundTruth' | 'caCertPem'>): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: [string, string | Buffer][] = [
    ['sites.json', JSON.stringify(h.sites, null, 2)],
    ['accounts.json', JSON.stringify(h.accounts, null, 2)],
    ['accounts-filing.xlsx', await filingWorkbook(sc)],
    ['sites-filing.xlsx', await siteFilingWorkbook(sc)],
    ['resolve-map.json', JSON.stringify(h.resolveMap, null, 2)],
    ['ground-truth.json', JSON.stringify(h.groundTruth, null, 2)],
  ];
  if (h.caCertPem) files.push(['ca.pem', h.caCertPem]);
  for (const [name, body] of files) writeFileSync(join(dir, name), body);
  return files.map(([n]) => join(dir, n));
}
