module.exports = { ...require('../../jest.preset.js'), displayName: 'web-fetch', rootDir: __dirname };
