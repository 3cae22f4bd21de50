module.exports = require('./tools/jest/preset.js'); // temporary; configs move to tools/jest/preset.js
