module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'site-inspection', rootDir: __dirname };
