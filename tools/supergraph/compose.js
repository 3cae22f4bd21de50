// Runs the TypeScript tool without a build step.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', 'tsconfig.tools.json');
require('@swc-node/register');
require('./compose.ts');
