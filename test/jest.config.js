// One jest run covers the three tiers: unit (*.spec.ts next to the code), integration
// (*.integration-spec.ts against real PostgreSQL and Kafka) and end-to-end (test/**/*.e2e-spec.ts
// against the running services). The global setup provisions the infrastructure once for all of them.
const path = require('path');
const { pathsToModuleNameMapper } = require('./jest-paths');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
      // Rewrites @loops/* aliases at compile time, so files jest loads outside its module registry
      // (globalSetup, globalTeardown) resolve them too.
      baseUrl: path.resolve(__dirname, '..'),
      paths: require('../tsconfig.base.json').compilerOptions.paths,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/test'],
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: pathsToModuleNameMapper(),
  testMatch: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 120000,
  maxWorkers: 1,
};
