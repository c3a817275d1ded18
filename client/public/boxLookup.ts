// "我的回执码在票箱中吗": the tablet shows a tracker's first 12 hex digits in groups of 4 (shared/seal.ts
// shortTracker); the public box lists the full trackers (sha256 of each sealed envelope, 64 hex digits).

/** The lookup as typed: spaces and hyphens dropped, lower case. */
export const normalizeTracker = (typed: string) => typed.replace(/[\s\-–—]/g, '').toLowerCase();

/** What a typed receipt code is: usable (12–64 hex digits), or why not. */
export function trackerInputProblem(typed: string): 'empty' | 'not_hex' | 'too_short' | null {
  const t = normalizeTracker(typed);
  if (!t) return 'empty';
  if (!/^[0-9a-f]+$/.test(t)) return 'not_hex';
  if (t.length < 12) return 'too_short';
  return null;
}

/**
 * The box's trackers that start with the typed receipt code (normally one; none when the code is not in the
 * box). `box`: full trackers, lower-case hex. The code must be usable (trackerInputProblem null).
 */
export function findInBox(box: readonly string[], typed: string): string[] {
  const prefix = normalizeTracker(typed).slice(0, 64);
  return box.filter((tracker) => tracker.startsWith(prefix));
}
