// Worker entry: compile TypeScript on the fly in this thread, then run the service.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', 'tsconfig.tools.json');
require('@swc-node/register');
require('./service-thread.ts');
