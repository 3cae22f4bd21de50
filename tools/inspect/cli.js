// `npm run inspect -- <url-or-saved-html> [--as-of ISO] [--json] [--site-code X]`: runs the TypeScript CLI without a build step.
const { join } = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || join(__dirname, '..', 'tsconfig.tools.json');
require('@swc-node/register');
require('./cli-main.ts');
