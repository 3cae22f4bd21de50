// Filing-export parse benchmark without a build step: `node tools/bench/registry-import-parse.js [--sites 1000] [--accounts 3000] [--runs 3]`.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', 'tsconfig.tools.json');
require('@swc-node/register');
require(join(__dirname, 'registry-import-parse.ts'));
