module.exports = { ...require('../../jest.preset.js'), displayName: 'scoring-engine', rootDir: __dirname };
