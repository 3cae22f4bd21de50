import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..');
const RULE = '@nx/enforce-module-boundaries';

async function lint(code: string, filePath: string) {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'tools', 'eslint', 'eslint.config.js') });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result.messages.filter((m) => m.ruleId === RULE);
}

describe('module boundary lint rule', () => {
  jest.setTimeout(60_000);

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
