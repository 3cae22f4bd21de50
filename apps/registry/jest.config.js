module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'registry', rootDir: __dirname };
