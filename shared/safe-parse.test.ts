import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { safeParse } from './safe-parse.ts';

describe('safeParse', () => {
  const schema = z.strictObject({ remarks: z.string().trim().max(20).optional(), marks: z.array(z.string()).max(3).optional() });

  it('refuses a value whose length property throws when compared, where zod itself throws', () => {
    const trap = { remarks: { length: { toString: null } } };
    expect(() => schema.safeParse(trap)).toThrow(TypeError);
    const result = safeParse(schema, trap);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/malformed value/);
  });

  it('gives zod own result for everything else', () => {
    expect(safeParse(schema, { remarks: ' 好 ' })).toEqual({ success: true, data: { remarks: '好' } });
    const bad = safeParse(schema, { marks: ['a', 'b', 'c', 'd'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['marks']);
  });
});
