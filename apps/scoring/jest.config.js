module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'scoring', rootDir: __dirname };
