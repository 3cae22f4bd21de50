// The inspect CLI (tools/inspect/cli.js) on a simulated-web site URL (CRAWL_RESOLVE_MAP) and its input errors.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadScenario, startSimweb, type SimwebHandle } from '@govinspect/simweb';

jest.setTimeout(180_000);
const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'tools/inspect/cli.js');

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('npm run inspect', () => {
  let web: SimwebHandle;
  let env: Record<string, string>;
  beforeAll(async () => {
    web = await startSimweb({ scenario: loadScenario(path.join(ROOT, 'libs/simweb/scenarios/demo-city.yaml')) });
    const dir = mkdtempSync(path.join(tmpdir(), 'inspect-cli-'));
    writeFileSync(path.join(dir, 'resolve-map.json'), JSON.stringify(web.resolveMap));
    writeFileSync(path.join(dir, 'ca.pem'), web.caCertPem ?? '');
    env = { CRAWL_RESOLVE_MAP: path.join(dir, 'resolve-map.json'), CRAWL_CA_FILE: path.join(dir, 'ca.pem'), CRAWL_EGRESS: 'loopback' };
  });
  afterAll(() => web?.close());

  it('inspects a simulated site by URL and prints its columns, footer labels and findings (--json)', async () => {
    const r = await cli([web.urlOf('yunxi-czj'), '--as-of', '2024-06-28T10:00:00+08:00', '--json', '--site-code', '4213000006'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('completed');
    const notice = out.columns.find((c: { breadcrumb: string }) => c.breadcrumb === '首页>政府信息公开>通知公告');
    expect(notice).toMatchObject({ columnClass: 'notice', level: 1, stale: true, lastUpdated: '2023-12-11' });
    expect(out.footer.siteCode).toMatchObject({ value: '4213000006', valid: true });
    expect(out.findings.map((f: { type: string }) => f.type)).toContain('notice-column-stale');
  });

  it('prints the human-readable report for a URL', async () => {
    const r = await cli([web.urlOf('yunxi-ybj'), '--as-of', '2024-06-28T10:00:00+08:00'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('栏目');
    expect(r.stdout).toContain('底部标识');
    expect(r.stdout).toMatch(/footer-label-malformed .*网站标识码：421300001/);
    expect(r.stdout).toContain('meta-tag-missing');
  });

  it('a host outside the resolve map fails as unreachable (loopback egress never asks DNS), exit 1', async () => {
    const r = await cli(['http://www.not-in-the-map.gov.cn/', '--as-of', '2024-06-28T10:00:00+08:00'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed \(homepage-unreachable: .*\(dns\)\)/);
  });

  it('bad arguments get classified errors and exit 2', async () => {
    expect(await cli([])).toMatchObject({ code: 2, stderr: expect.stringContaining('[INSPECT_USAGE]') });
    expect(await cli(['/no/such/file.html'])).toMatchObject({ code: 2, stderr: expect.stringContaining('[INSPECT_INPUT]') });
    expect(await cli(['x.html', '--as-of', 'yesterday'])).toMatchObject({ code: 2, stderr: expect.stringContaining('[INSPECT_AS_OF]') });
  });
});
