// LWC tests (sfdx-lwc-jest): every component's __tests__ folder under force-app.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.js'],
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/node_modules/'],
  // The helpers every component's tests share (test/lwc/lwc-helpers.js), by one name
  // wherever the test lives. sfdx-lwc-jest's transform compiles test/lwc/ as well: it skips only node_modules.
  moduleNameMapper: {
    ...(jestConfig.moduleNameMapper || {}),
    '^parley-lwc-test$': '<rootDir>/test/lwc/lwc-helpers.js',
  },
  // toBeAccessible(), the matcher lwc-recipes gets from @sa11y/jest, here on the axe-core already installed.
  setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv || []), '<rootDir>/test/lwc/accessibility-matcher.cjs'],
};
