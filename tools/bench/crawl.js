// Crawl benchmark without a build step: `node tools/bench/crawl.js [--sites 200] [--pages 300] [--concurrency 16] [--max-seconds 120] [--quick]`.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', 'tsconfig.tools.json');
require('@swc-node/register');
require(join(__dirname, 'crawl.ts'));
