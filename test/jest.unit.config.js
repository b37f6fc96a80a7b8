// Unit tests only (no infrastructure): `npx jest -c test/jest.unit.config.js`.
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['**/*.spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
