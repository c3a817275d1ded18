import type { z } from 'zod';
import { errors } from './errors.ts';
import { safeParse } from '../shared/safe-parse.ts';

/** Parses a request part with a zod schema, throwing one readable 400 on failure. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = safeParse(schema, value);
  if (!result.success) throw errors.invalid(result.error);
  return result.data;
}
