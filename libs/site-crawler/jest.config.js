module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'site-crawler', rootDir: __dirname };
