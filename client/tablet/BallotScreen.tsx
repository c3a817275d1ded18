import { useState } from 'preact/hooks';
import { useI18n } from '../components/i18n.tsx';
import { Notice } from '../components/Notice.tsx';
import type { WsBallot } from '../../shared/ws.ts';
import { capOf } from '../lib/marks.ts';
import { BallotTop } from './BallotTop.tsx';
import { CandidateRow } from './CandidateRow.tsx';
import type { PaperStepProps } from './controller.ts';

/** Marking: one row per candidate, the cap enforced as the deputy presses, then on to review. */
export function BallotScreen({ view, ballot, controller, serverNow }: PaperStepProps) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState<string | null>(null);
  const cap = capOf(ballot);
  const capFull = cap !== null && Object.values(view.marks).filter((m) => m === 'for').length >= cap;
  const inRow = view.notice?.candidateId ?? null;
  return (
    <main class="screen ballot-screen" data-testid="ballot-screen" data-ballot-id={ballot.id}>
      <BallotTop ballot={ballot} candidateCount={view.candidates.length} marks={view.marks} serverNow={serverNow} />
      <ol class="cand-list">
        {view.candidates.map((c) => (
          <CandidateRow
            key={c.id}
            candidate={c}
            options={ballot.options}
            mark={view.marks[c.id]}
            expanded={expanded === c.id}
            onToggle={() => setExpanded((e) => (e === c.id ? null : c.id))}
            onPress={(o) => controller.press(c.id, o)}
            full={capFull && view.marks[c.id] !== 'for' ? 'for' : null}
            refusal={
              view.notice && inRow === c.id ? (
                <Notice key={view.notice.seq} tone="warn" testId="notice">
                  {t(view.notice.key, view.notice.params)}
                </Notice>
              ) : null
            }
          />
        ))}
      </ol>
      <footer class="ballot-bottom">
        {view.notice && !inRow ? (
          <Notice key={view.notice.seq} tone="warn" testId="notice">
            {t(view.notice.key, view.notice.params)}
          </Notice>
        ) : (
          <p class="muted">
            <span data-testid="skip-note">{t(skipNoteKey(ballot))}</span> · {t('ballot.cancelHint')}
          </p>
        )}
        <button type="button" class="btn btn-primary" data-testid="to-review" onClick={() => controller.toReview()}>
          {t('ballot.review')}
        </button>
      </footer>
    </main>
  );
}

/**
 * What leaving a project unmarked means, true to the ballot: an evaluation has no 弃权 — a skipped project is
 * left out of its rating under "rated-majority", or stays in its base otherwise (DESIGN.md §4.10, §9).
 */
export function skipNoteKey(ballot: WsBallot): 'ballot.blankInvalid' | 'ballot.blankAbstain' | 'ballot.evalSkipRated' | 'ballot.evalSkipBase' {
  if (ballot.blank === 'invalid') return 'ballot.blankInvalid';
  if (ballot.kind === 'evaluation') return ballot.evaluation?.base === 'rated-majority' ? 'ballot.evalSkipRated' : 'ballot.evalSkipBase';
  return 'ballot.blankAbstain';
}
