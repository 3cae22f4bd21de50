// Farm throughput benchmark: `node tools/simweb/bench.js [--sites 1000] [--pages-per-site 300] [--accounts 3000] [--duration 20]`
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', 'tsconfig.tools.json');
require('@swc-node/register');
require('./bench-main.ts');
