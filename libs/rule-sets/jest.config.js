module.exports = { ...require('../../jest.preset.js'), displayName: 'rule-sets', rootDir: __dirname };
