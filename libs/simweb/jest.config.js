module.exports = { ...require('../../jest.preset.js'), displayName: 'simweb', rootDir: __dirname };
