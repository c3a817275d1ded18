import type { rosterZh } from '../zh/roster.ts';

// The roster's 在册 action on the check-in screen, in English; spread into the console's catalogue.

export const rosterEn: Record<keyof typeof rosterZh, string> = {
  'roster.unseat': 'Mark as not seated',
  'roster.unseatQuestion': '{name} will no longer count among the seated.',
};
