module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'filing-import', rootDir: __dirname };
