import type { Tally } from '../../../shared/record.ts';
import type { BallotCandidate, BallotView } from '../../../shared/responses/ballots.ts';
import { TallyNotes } from './TallyNotes.tsx';
import { TallySummary } from './TallySummary.tsx';
import { TallyTable } from './TallyTable.tsx';

/** 计票结果 for the secretariat and the scrutineers to review before it is announced. */
export function TallyReview({ ballot, candidates, tally }: { ballot: BallotView; candidates: BallotCandidate[]; tally: Tally }) {
  return (
    <div class="tally-review">
      <TallySummary ballot={ballot} tally={tally} />
      <TallyNotes ballot={ballot} candidates={candidates} tally={tally} />
      <TallyTable ballot={ballot} candidates={candidates} tally={tally} />
    </div>
  );
}
