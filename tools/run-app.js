// Runs one app's main.ts without a build step: `node tools/run-app.js registry` (used by docker/ and the README).
const { join } = require('node:path');
const app = process.argv[2];
const apps = ['registry', 'crawl', 'scoring', 'interaction-test', 'reporting', 'gateway'];
if (!apps.includes(app)) {
  console.error(`usage: node tools/run-app.js <${apps.join('|')}>`);
  process.exitCode = 2;
  return;
}
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, 'tsconfig.tools.json');
require('@swc-node/register');
require(join(__dirname, '..', 'apps', app, 'src', 'main.ts'));
