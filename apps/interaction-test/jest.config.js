module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'interaction-test', rootDir: __dirname };
