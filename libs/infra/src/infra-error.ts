export enum InfraErrorCode {
  MISSING_PREREQUISITE = 'MISSING_PREREQUISITE',
  PORT_TAKEN = 'PORT_TAKEN',
  NOT_READY = 'NOT_READY',
  POSTGRES_UNREACHABLE = 'POSTGRES_UNREACHABLE',
}

/** A provisioning failure an operator can act on: the message says what is missing and how to fix it. */
export class InfraError extends Error {
  constructor(
    readonly code: InfraErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InfraError';
  }
}
