import { z } from 'zod';

/**
 * A list of one to `max` items each checked by `item`; refused as "no {plural}" when empty and "at most {max}
 * {plural}" when longer (an import or a request that names more than the system takes at once).
 */
export function boundedList<T extends z.ZodType>(item: T, max: number, plural: string) {
  return z.array(item).min(1, `no ${plural}`).max(max, `at most ${max} ${plural}`);
}
