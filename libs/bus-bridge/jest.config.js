module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'bus-bridge', rootDir: __dirname };
