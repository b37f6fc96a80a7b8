/** Injection tokens for the shared runtime pieces a service gets from PlatformModule. */
export const PLATFORM_ENV = Symbol('PLATFORM_ENV');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export const KAFKA = Symbol('KAFKA');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
