// `npm run docs:accuracy [-- --copy]`: refreshes docs/accuracy.md and docs/accuracy-availability.md. Tests write their
// reports to the ignored .cache/reports/ only (a test run never dirties the tree); this command runs the two accuracy
// specs and copies the reports they wrote to docs/. `--copy` skips the run and copies reports already in .cache/reports/.
const { spawnSync } = require('node:child_process');
const { copyFileSync, existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const REPORTS = join(ROOT, '.cache', 'reports');
const RUNS = [
  { config: 'libs/site-inspection/jest.config.js', pattern: 'test/accuracy.spec', report: 'accuracy.md' },
  { config: 'apps/crawl/jest.config.js', pattern: 'availability-accuracy', report: 'accuracy-availability.md' },
];

function main() {
  const copyOnly = process.argv.includes('--copy');
  const started = Date.now();
  for (const run of RUNS) {
    if (copyOnly) break;
    const jest = spawnSync('npx', ['jest', '-c', run.config, run.pattern, '--maxWorkers=1'], { cwd: ROOT, stdio: 'inherit' });
    if (jest.status !== 0) {
      console.error(`docs:accuracy: ${run.config} ${run.pattern} failed; docs/ left unchanged`);
      return 1;
    }
  }
  for (const run of RUNS) {
    const src = join(REPORTS, run.report);
    // A report older than this run would be a stale copy of an earlier run: refuse rather than publish it.
    if (!existsSync(src) || (!copyOnly && statSync(src).mtimeMs < started)) {
      console.error(`docs:accuracy: ${src} was not written by this run`);
      return 1;
    }
    copyFileSync(src, join(ROOT, 'docs', run.report));
    console.log(`docs/${run.report} <- .cache/reports/${run.report}`);
  }
  return 0;
}

// exitCode, not process.exit(): let stdout drain when piped.
process.exitCode = main();
