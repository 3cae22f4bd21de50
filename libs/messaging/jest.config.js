module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'messaging', rootDir: __dirname };
