// Page-analysis benchmark without a build step: `node libs/page-analysis/bench/analyse.js [--runs 5] [--pages 300]`.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', '..', '..', 'tools', 'tsconfig.tools.json');
require('@swc-node/register');
require(join(__dirname, 'analyse.ts'));
