import { HttpException, HttpStatus } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { validateContract } from '@loops/contracts';

/** The request body or query as a validated DTO, or 400 with every field problem (the shape every Loops API uses). */
export function valid<T extends object>(cls: ClassConstructor<T>, input: unknown): T {
  const result = validateContract(cls, input ?? {});
  if (!result.ok)
    throw new HttpException({ error: 'validation_failed', errors: result.errors }, HttpStatus.BAD_REQUEST);
  return result.value;
}

/** 400 for one field, in the same shape as `valid`. */
export function invalidField(field: string, message: string): HttpException {
  return new HttpException(
    { error: 'validation_failed', errors: [{ field, messages: [message] }] },
    HttpStatus.BAD_REQUEST,
  );
}

export function notFound(message: string): HttpException {
  return new HttpException({ error: 'not_found', message }, HttpStatus.NOT_FOUND);
}

export function conflict(message: string): HttpException {
  return new HttpException({ error: 'conflict', message }, HttpStatus.CONFLICT);
}
