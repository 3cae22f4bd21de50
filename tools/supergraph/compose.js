// Runs the TypeScript tool without a build step.
require('@swc-node/register');
require('./compose.ts');
