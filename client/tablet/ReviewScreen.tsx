import { SecrecyBadge } from './SecrecyBadge.tsx';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { useI18n } from '../components/i18n.tsx';
import { Notice } from '../components/Notice.tsx';
import { remainingMs } from '../lib/clock.ts';
import { groupMarks } from '../lib/marks.ts';
import { BallotTop } from './BallotTop.tsx';
import { optionKey } from './CandidateRow.tsx';
import type { PaperStepProps } from './controller.ts';

/** 核对: the paper grouped by mark, colour-coded; back to change it, or the final confirm. */
export function ReviewScreen({ view, ballot, controller, serverNow }: PaperStepProps) {
  const { t } = useI18n();
  const groups = groupMarks(ballot, view.candidates, view.marks);
  const timeUp = useTimeUp(ballot.deadlineAt, serverNow);
  // The review is a new page: it opens at its top, not where the marking list was scrolled to (issue 13).
  useLayoutEffect(() => window.scrollTo(0, 0), []);
  return (
    <main class="screen review-screen" data-testid="review-screen">
      <BallotTop ballot={ballot} candidateCount={view.candidates.length} marks={view.marks} serverNow={serverNow} />
      <h2 data-testid="review-title">{t('review.title')}</h2>
      <p class="lead">{t('review.hint')}</p>
      <SecrecyBadge ballot={ballot} withHint />
      <div class="review-groups">
        {groups.map((g) =>
          g.option === '' && g.candidates.length === 0 ? null : (
            <section key={g.option || 'unmarked'} class={`review-group group-${g.option || 'unmarked'}`} data-testid={`review-${g.option || 'unmarked'}`} data-count={g.candidates.length}>
              <h3>
                {g.option ? t(optionKey(g.option)) : t(ballot.kind === 'evaluation' ? 'option.unrated' : 'option.unmarked')}
                <span class="group-count">{t('review.count', { n: g.candidates.length })}</span>
              </h3>
              {g.option === '' && (
                <p class="group-note" data-testid="review-skip-note">
                  {t(ballot.kind !== 'evaluation' ? 'review.unmarkedAbstain' : ballot.evaluation?.base === 'rated-majority' ? 'review.evalSkipRated' : 'review.evalSkipBase', { n: g.candidates.length })}
                </p>
              )}
              {g.candidates.length === 0 ? (
                <p class="muted">{t('review.none')}</p>
              ) : (
                <ul>
                  {g.candidates.map((c) => (
                    <li key={c.id} data-testid={`review-item-${c.id}`}>
                      <span class="seq">{c.seq}</span> {c.name}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ),
        )}
      </div>
      <footer class="ballot-bottom">
        {timeUp && <Notice tone="error">{t('ballot.timeUp')}</Notice>}
        <button type="button" class="btn btn-secondary" data-testid="review-back" onClick={() => controller.backToMarking()}>
          {t('review.back')}
        </button>
        <button type="button" class="btn btn-confirm" data-testid="review-confirm" disabled={timeUp} onClick={() => controller.confirm()}>
          {t('review.confirm')}
        </button>
      </footer>
    </main>
  );
}

function useTimeUp(deadlineAt: number | null, serverNow: () => number): boolean {
  const [up, setUp] = useState(false);
  useEffect(() => {
    if (deadlineAt === null) return;
    const check = () => setUp(remainingMs(deadlineAt, serverNow()) <= 0);
    check();
    const timer = setInterval(check, 500);
    return () => clearInterval(timer);
  }, [deadlineAt, serverNow]);
  return up;
}
