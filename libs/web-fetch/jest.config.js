module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'web-fetch', rootDir: __dirname };
