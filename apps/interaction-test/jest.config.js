module.exports = { ...require('../../jest.preset.js'), displayName: 'interaction-test', rootDir: __dirname };
