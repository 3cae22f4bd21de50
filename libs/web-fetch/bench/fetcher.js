// Fetcher benchmark without a build step: `node libs/web-fetch/bench/fetcher.js [--pages 3000] [--hosts 20]`.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', '..', '..', 'tools', 'tsconfig.tools.json');
require('@swc-node/register');
require(join(__dirname, 'fetcher.ts'));
