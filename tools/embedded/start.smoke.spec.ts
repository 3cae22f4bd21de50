import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the process group (a clean shutdown), SIGKILL after 30 s; returns once no process of the group is left. */
async function stopGroup(pgid: number): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  for (let waited = 0; groupAlive(pgid); waited += 200) {
    if (waited === 30_000) signal('SIGKILL');
    if (waited > 40_000) throw new Error(`process group ${pgid} still running 40 s after SIGTERM`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The README's first command on a fresh checkout: `npm start` brings up embedded Postgres, the in-process bus, the
 * demo city's simulated web, five services and the gateway, which then answers the slice query.
 */
describe('npm start (embedded mode)', () => {
  jest.setTimeout(180_000);
  let child: ChildProcess | undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'gi-embedded-'));
  chmodSync(tmp, 0o755); // a parent we own; the launcher must create the rest itself, as on a fresh checkout
  const pgDir = join(tmp, '.cache', 'embedded-pg');

  afterAll(async () => {
    // npm, the launcher, embedded Postgres and the services share the child's process group: stop the whole group and
    // wait until none of it is left (killing npm alone left the stack running after Jest ended).
    if (child?.pid) await stopGroup(child.pid);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reaches a healthy gateway that answers the slice query', async () => {
    const ports = await Promise.all(Array.from({ length: 8 }, freePort));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
      EMBEDDED_PG_DIR: pgDir,
      EMBEDDED_PG_PORT: String(ports[0]),
      GATEWAY_PORT: String(ports[1]),
      REGISTRY_PORT: String(ports[2]),
      CRAWL_PORT: String(ports[3]),
      SCORING_PORT: String(ports[4]),
      INTERACTION_TEST_PORT: String(ports[5]),
      REPORTING_PORT: String(ports[6]),
      SIMWEB_PORT: String(ports[7]),
    };
    delete env.DATABASE_URL;
    delete env.KAFKA_BROKERS;
    child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        if (output.includes('govinspect is ready')) resolve(true);
        if (child!.exitCode !== null) resolve(false);
      }, 200);
      setTimeout(() => resolve(false), 150_000).unref();
      child!.once('exit', () => setTimeout(() => clearInterval(timer), 300));
    });
    if (!ready) throw new Error(`npm start did not become ready:\n${output}`);

    const siteId = /site\(id: "([0-9a-f-]{36})"\)/.exec(output)?.[1];
    expect(siteId).toBeDefined();
    const url = `http://127.0.0.1:${ports[1]}/graphql`;
    const query = `{ site(id: "${siteId}") { name siteCode latestProbe { ok failure } availability { probes } region { code summary { sites reachable } } } }`;
    let site: any;
    for (let i = 0; i < 60; i++) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as any;
      expect(body.errors).toBeUndefined();
      site = body.data.site;
      if (site.latestProbe && site.region.summary.sites > 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(site.name).toEqual(expect.any(String));
    expect(site.siteCode).toMatch(/^(\d{10}|bm\d{8})$/);
    expect(site.latestProbe).not.toBeNull();
    expect(site.availability.probes).toBeGreaterThanOrEqual(1);
    expect(site.region.summary.sites).toBeGreaterThan(0);
  });
});
