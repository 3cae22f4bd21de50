// Shared Jest settings. NestJS 12 ships ESM only and Jest 30 on Node 20 cannot require() ESM,
// so @swc/jest compiles those node_modules to CommonJS (see ../shared/stack-notes.md §4).
const path = require('node:path');
const swcTs = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
const swcJs = {
  jsc: { parser: { syntax: 'ecmascript', importAttributes: true }, target: 'es2022', keepClassNames: true },
  module: { type: 'commonjs' },
};
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swcTs], '^.+\\.m?js$': ['@swc/jest', swcJs] },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|load-esm|uid|@as-integrations|strtok3|token-types|@tokenizer|uint8array-extras|chinese-days)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: { '^@govinspect/([a-z-]+)$': path.join(__dirname, '..', '..', 'libs/$1/src/index.ts') },
  testMatch: ['**/?(*.)+(spec|test).ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
