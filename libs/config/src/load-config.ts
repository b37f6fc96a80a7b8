import 'reflect-metadata';
import { plainToInstance, ClassConstructor } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ConfigError } from './config-error';

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * Reads the environment into a typed, validated config object. Every problem is listed at once so an
 * operator fixes a broken deployment in one pass instead of one variable per restart.
 */
export function loadConfig<T extends object>(
  service: string,
  configClass: ClassConstructor<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const config = plainToInstance(configClass, { ...env }, { enableImplicitConversion: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(service, flatten(errors));
  return config;
}
