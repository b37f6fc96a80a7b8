import { HttpException, HttpStatus } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { validateContract } from '@loops/contracts';

/** The request body as a validated DTO, or 400 with every field problem (the same shape ingestion uses). */
export function validBody<T extends object>(cls: ClassConstructor<T>, body: unknown): T {
  const result = validateContract(cls, body ?? {});
  if (!result.ok) throw new HttpException({ error: 'validation_failed', errors: result.errors }, HttpStatus.BAD_REQUEST);
  return result.value;
}

export function notFound(what: string): HttpException {
  return new HttpException({ error: 'not_found', message: `${what} not found` }, HttpStatus.NOT_FOUND);
}

export function conflict(message: string): HttpException {
  return new HttpException({ error: 'conflict', message }, HttpStatus.CONFLICT);
}
