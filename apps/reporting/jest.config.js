module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'reporting', rootDir: __dirname };
