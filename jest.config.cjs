// LWC tests (sfdx-lwc-jest): every component's __tests__ folder under force-app.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.js'],
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/node_modules/'],
};
