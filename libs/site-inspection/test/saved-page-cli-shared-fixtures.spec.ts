// Reads shared fixtures: runs the inspect CLI on files of ../shared/fixtures/real-pages (skipped visibly when absent).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(120_000);
const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.resolve(ROOT, '../shared/fixtures/real-pages');
const present = existsSync(DIR);
if (!present) console.warn(`SKIPPED saved-page-cli-shared-fixtures: ${DIR} is absent (shared fixtures not checked out)`);
const d = present ? describe : describe.skip;

d('npm run inspect on saved pages (reads shared fixtures ../shared/fixtures/real-pages)', () => {
  it('prints columns with dates, footer labels and findings of a saved homepage', async () => {
    const file = path.join(DIR, 'silverfoxy__JSCryptoMinerStudy__alt-gov-cn-home-2018.html');
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'tools/inspect/cli.js'), file, '--as-of', '2018-03-22T18:00:00+08:00', '--url', 'http://www.alt.gov.cn/'], { cwd: ROOT });
    expect(stdout).toMatch(/首页>公告通知 +\[notice L1\] +最新 2018-03-13/);
    expect(stdout).toContain('ICP备案: 新ICP备15003890号-1');
    expect(stdout).toContain('footer-label-missing');
    expect(stdout).toContain('底部功能区缺少公安机关备案标识');
  });

  it('--json gives the analysis of a saved article', async () => {
    const file = path.join(DIR, 'GeneralNewsExtractor__GeneralNewsExtractor__shanxi-gov-article.html');
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'tools/inspect/cli.js'), file, '--as-of', '2019-09-20T10:00:00+08:00', '--json'], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 });
    const out = JSON.parse(stdout);
    expect(out.page.article.publishedAt.slice(0, 10)).toBe('2019-09-18');
    expect(out.footer.siteCode.value).toBe('1400000045');
  });
});
