module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'scoring-engine', rootDir: __dirname };
