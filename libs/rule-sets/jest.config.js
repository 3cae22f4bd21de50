module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'rule-sets', rootDir: __dirname };
