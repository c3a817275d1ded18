import type { MessageKey, Params } from '../lib/i18n.ts';
import type { PaperProblem } from '../lib/outbox.ts';

type T = (key: MessageKey, params?: Params) => string;

/** What to tell the deputy about a refused paper: one plain sentence, and what to do about it. */
export function problemText(t: T, problem: PaperProblem): { text: string; hint: string | null } {
  if (problem.code === 'ballot_not_open' && problem.uncertain) {
    return { text: t('problem.ballot_not_open_uncertain'), hint: t('problem.ballot_not_open_uncertainHint') };
  }
  if (problem.code === 'ballot_not_open') return { text: t('problem.ballot_not_open'), hint: t('problem.ballot_not_openHint') };
  if (problem.code === 'already_voted') return { text: t('problem.already_voted'), hint: t('problem.already_votedHint') };
  return { text: t('problem.other', { message: problem.message }), hint: null };
}
