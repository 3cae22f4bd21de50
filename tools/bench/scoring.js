// Scoring benchmark without a build step: `node tools/bench/scoring.js [--sites 1000] [--findings 50] [--runs 5] [--service]`.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', 'tsconfig.tools.json');
require('@swc-node/register');
require(join(__dirname, 'scoring.ts'));
