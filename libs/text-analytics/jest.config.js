// Unit tests of the text-analytics library only: no global setup (no Kafka/PostgreSQL needed).
const path = require('path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.resolve(__dirname),
  roots: ['<rootDir>/src', '<rootDir>/scripts'],
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['**/*.spec.ts'],
  testTimeout: 30000,
};
