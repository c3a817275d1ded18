/**
 * How long a ballot runs, in seconds: `planned` as set, `extended` the extensions added since it opened (the
 * deadline minus the opening minus the planned time; 0 for a draft). Extensions are audited as ballot.extended.
 */
export function ballotDuration(b: { durationSeconds: number; openedAt: number | null; deadlineAt: number | null }): { planned: number; extended: number } {
  if (b.openedAt === null || b.deadlineAt === null) return { planned: b.durationSeconds, extended: 0 };
  const total = Math.round((b.deadlineAt - b.openedAt) / 1000);
  return { planned: b.durationSeconds, extended: Math.max(0, total - b.durationSeconds) };
}
