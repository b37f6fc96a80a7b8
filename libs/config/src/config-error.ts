export enum ConfigErrorCode {
  INVALID_ENVIRONMENT = 'INVALID_ENVIRONMENT',
}

/** Thrown at boot when the environment does not satisfy a service's typed config class. */
export class ConfigError extends Error {
  readonly code = ConfigErrorCode.INVALID_ENVIRONMENT;

  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
