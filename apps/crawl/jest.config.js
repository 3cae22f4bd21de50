module.exports = { ...require('../../jest.preset.js'), displayName: 'crawl', rootDir: __dirname };
