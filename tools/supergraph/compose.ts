import { readFileSync, writeFileSync } from 'node:fs';
import { SUPERGRAPH_FILE, checkComposition, subgraphSdlFile } from './compose-lib';
import { currentSubgraphSdls } from './current-sdls';

/**
 * `npm run compose`            regenerate apps/<name>/schema.graphql and apps/gateway/supergraph.graphql
 * `npm run compose -- --check` fail if composition fails, the committed files are stale, or the API breaks
 *                              (add --allow-breaking when a break is intended and announced)
 */
async function main() {
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
    process.exit(1);
  }
  if (result.breaking.length) {
    console.error(`breaking API changes against the committed supergraph:\n  ${result.breaking.join('\n  ')}`);
    if (!allowBreaking) process.exit(1);
  }
  if (check) {
    const stale = [
      ...(committed === result.supergraphSdl ? [] : [SUPERGRAPH_FILE]),
      ...subgraphs.filter((s) => readOrNull(subgraphSdlFile(s.name)) !== s.sdl).map((s) => subgraphSdlFile(s.name)),
    ];
    if (stale.length) {
      console.error(`stale (run npm run compose and commit):\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log('supergraph composes and is up to date');
    return;
  }
  for (const s of subgraphs) writeFileSync(subgraphSdlFile(s.name), s.sdl);
  writeFileSync(SUPERGRAPH_FILE, result.supergraphSdl!);
  console.log(`wrote ${SUPERGRAPH_FILE} from ${subgraphs.map((s) => s.name).join(', ')}`);
}

function readOrNull(p: string): string | null {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null;
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
