import type { z } from 'zod';
import { errors } from './errors.ts';

/** Parses a request part with a zod schema, throwing one readable 400 on failure. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw errors.invalid(result.error);
  return result.data;
}
