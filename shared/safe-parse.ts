import { z } from 'zod';

/**
 * `schema.safeParse(value)` that never throws. zod runs its length checks (`.max`, `.min`) on any value with a
 * `length` property, even after the type check failed, so untrusted JSON such as `{"length": {"toString": null}}`
 * makes a comparison throw a TypeError (a 500 where a 400 belongs; found by the hostile-input walk). Such a value
 * is refused as one `custom` issue at the root, like any other malformed input.
 *
 * Shapes: same result as zod's safeParse. Throws nothing.
 */
export function safeParse<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  try {
    return schema.safeParse(value);
  } catch {
    const error = new z.ZodError([
      { code: 'custom', path: [], message: 'malformed value: a property holds something no field can be', input: undefined },
    ]);
    return { success: false, error } as z.ZodSafeParseResult<z.output<S>>;
  }
}
