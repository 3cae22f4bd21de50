module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'persistence', rootDir: __dirname };
