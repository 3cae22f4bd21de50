module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'simweb', rootDir: __dirname };
