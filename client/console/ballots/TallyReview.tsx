import type { Tally } from '../../../shared/record.ts';
import type { BallotCandidate, BallotView, PapersBySource } from '../../../shared/responses/ballots.ts';
import { TallyNotes } from './TallyNotes.tsx';
import { TallySummary } from './TallySummary.tsx';
import { TallyTable } from './TallyTable.tsx';

/** 计票结果 for the secretariat and the scrutineers to review before it is announced (per source when paper ballots were used). */
export function TallyReview({ ballot, candidates, tally, bySource = null }: { ballot: BallotView; candidates: BallotCandidate[]; tally: Tally; bySource?: PapersBySource | null }) {
  return (
    <div class="tally-review">
      <TallySummary ballot={ballot} tally={tally} bySource={bySource} />
      <TallyNotes ballot={ballot} candidates={candidates} tally={tally} />
      <TallyTable ballot={ballot} candidates={candidates} tally={tally} />
    </div>
  );
}
