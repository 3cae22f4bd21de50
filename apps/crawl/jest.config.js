module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'crawl', rootDir: __dirname };
