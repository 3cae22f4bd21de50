import { readFileSync, writeFileSync } from 'node:fs';
import { SUPERGRAPH_FILE, checkComposition, subgraphSdlFile } from './compose-lib';
import { currentSubgraphSdls } from './current-sdls';
import { exitFlushed } from '../exit-flushed';

/**
 * `npm run compose`            regenerate apps/<name>/schema.graphql and apps/gateway/supergraph.graphql
 * `npm run compose -- --check` fail if composition fails, the committed files are stale, or the API breaks
 *                              (add --allow-breaking when a break is intended and announced)
 */
async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const allowBreaking = process.argv.includes('--allow-breaking');
  const subgraphs = await currentSubgraphSdls();
  let committed: string | null = null;
  try {
    committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
  } catch {
    committed = null;
  }
  const result = checkComposition(subgraphs, committed);
  if (result.errors.length) {
    console.error(`composition failed:\n  ${result.errors.join('\n  ')}`);
    return 1;
  }
  if (result.breaking.length) {
    console.error(`breaking API changes against the committed supergraph:\n  ${result.breaking.join('\n  ')}`);
    if (!allowBreaking) return 1;
  }
  if (check) {
    const stale = [
      ...(committed === result.supergraphSdl ? [] : [SUPERGRAPH_FILE]),
      ...subgraphs.filter((s) => readOrNull(subgraphSdlFile(s.name)) !== s.sdl).map((s) => subgraphSdlFile(s.name)),
    ];
    if (stale.length) {
      console.error(`stale (run npm run compose and commit):\n  ${stale.join('\n  ')}`);
      return 1;
    }
    console.log('supergraph composes and is up to date');
    return 0;
  }
  for (const s of subgraphs) writeFileSync(subgraphSdlFile(s.name), s.sdl);
  writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl!);
  console.log(`wrote ${SUPERGRAPH_FILE} from ${subgraphs.map((s) => s.name).join(', ')}`);
  return 0;
}

function readOrNull(p: string): string | null {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}

main().then(
  (code) => exitFlushed(code),
  (e) => {
    console.error(e);
    exitFlushed(1);
  },
);
