// Maps the tsconfig.base.json path aliases (@loops/*) to jest's moduleNameMapper so tests import libs
// exactly as the services do.
const path = require('path');
const base = require('../tsconfig.base.json');

function pathsToModuleNameMapper() {
  const root = path.resolve(__dirname, '..');
  const mapper = {};
  for (const [alias, [target]] of Object.entries(base.compilerOptions.paths)) {
    mapper[`^${alias.replace('/', '\\/')}$`] = path.join(root, target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
