module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'availability', rootDir: __dirname };
