module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'page-analysis', rootDir: __dirname };
