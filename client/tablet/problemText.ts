import type { Locale, Params, SectionKey } from '../i18n/catalogue.ts';
import { errorText } from '../i18n/server-error.ts';
import type { PaperProblem } from '../lib/outbox.ts';

type T = (key: SectionKey<'tablet'>, params?: Params) => string;

/**
 * What to tell the deputy about a refused paper: one plain sentence, and what to do about it. Chosen by the
 * server's stable code; any other code is said by client/i18n/server-error.ts.
 */
export function problemText({ t, locale }: { t: T; locale: Locale }, problem: PaperProblem): { text: string; hint: string | null } {
  if (problem.code === 'ballot_not_open' && problem.uncertain) {
    return { text: t('problem.ballot_not_open_uncertain'), hint: t('problem.ballot_not_open_uncertainHint') };
  }
  if (problem.code === 'ballot_not_open') return { text: t('problem.ballot_not_open'), hint: t('problem.ballot_not_openHint') };
  if (problem.code === 'already_voted') return { text: t('problem.already_voted'), hint: t('problem.already_votedHint') };
  if (problem.code === 'not_checked_in') return { text: t('problem.not_checked_in'), hint: null };
  return { text: t('problem.other', { message: errorText(locale, problem) }), hint: null };
}
