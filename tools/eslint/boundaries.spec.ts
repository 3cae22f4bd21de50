import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const RULE = '@nx/enforce-module-boundaries';

/** Lints `code` as if it were the file at `filePath`, with the project's ESLint CLI and config (as `npm run lint`). */
async function lint(code: string, filePath: string): Promise<Array<{ ruleId: string; severity: number; message: string }>> {
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-c', 'tools/eslint/eslint.config.js', '--format', 'json', '--stdin', '--stdin-filename', filePath],
      { cwd: ROOT, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
    );
  } catch (e) {
    out = (e as { stdout: string }).stdout; // exit 1 when the rule reports: that is what we test
  }
  const [result] = JSON.parse(out) as Array<{ messages: Array<{ ruleId: string; severity: number; message: string }> }>;
  return result.messages.filter((m) => m.ruleId === RULE);
}

describe('module boundary lint rule', () => {
  jest.setTimeout(60_000);

  // The Nx rule reads the cached project graph and silently skips itself without one (as on a fresh clone);
  // `npm run lint` computes it first, and so do we.
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'], {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
  });

  it('fails an app that imports another app', async () => {
    const messages = await lint(`import { registryService } from '@govinspect/registry';\nexport const x = registryService;\n`, 'apps/scoring/src/boundary-fixture.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0].severity).toBe(2);
  });

  it('fails an app that reaches into another app by relative path', async () => {
    const messages = await lint(`import { registryService } from '../../registry/src';\nexport const x = registryService;\n`, 'apps/scoring/src/boundary-fixture.ts');
    expect(messages.length).toBeGreaterThan(0);
  });

  it('fails a lib that imports an app', async () => {
    const messages = await lint(`import { crawlService } from '@govinspect/crawl';\nexport const x = crawlService;\n`, 'libs/contracts/src/boundary-fixture.ts');
    expect(messages).toHaveLength(1);
  });

  it('lets an app import a lib', async () => {
    const messages = await lint(`import { siteRegistered } from '@govinspect/contracts';\nexport const x = siteRegistered;\n`, 'apps/scoring/src/boundary-fixture.ts');
    expect(messages).toEqual([]);
  });
});
