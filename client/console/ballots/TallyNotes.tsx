import type { Tally } from '../../../shared/record.ts';
import type { BallotCandidate, BallotView } from '../../../shared/responses/ballots.ts';
import { useT } from '../useT.ts';

/** The tie at the cut, a shortfall, a presidium decision, the close reason — in sentences. */
export function TallyNotes({ ballot, candidates, tally }: { ballot: BallotView; candidates: BallotCandidate[]; tally: Tally }) {
  const { t } = useT();
  const name = (id: string) => candidates.find((c) => c.id === id)?.name ?? id;
  const notes: { key: string; text: string; tone: 'warn' | 'info' }[] = [];
  if (tally.tie) {
    notes.push({
      key: 'tie',
      tone: 'warn',
      text: t(tally.tie.resolution === 'runoff' ? 'results.tieRunoff' : 'results.tiePresidium', { names: tally.tie.candidates.map(name).join('、'), places: tally.tie.places }),
    });
  }
  if (tally.shortfall > 0) notes.push({ key: 'shortfall', tone: 'warn', text: t('results.shortfall', { n: tally.shortfall, seats: ballot.seats ?? 0 }) });
  if (ballot.presidiumDecision) notes.push({ key: 'presidium', tone: 'info', text: t('results.presidiumDecided', { names: ballot.presidiumDecision.map(name).join('、') }) });
  if (ballot.closeReason) notes.push({ key: 'close', tone: 'info', text: t(`close.${ballot.closeReason as 'manual' | 'deadline' | 'all-voted'}`) });
  if (notes.length === 0) return null;
  return (
    <ul class="notes" data-testid="tally-notes">
      {notes.map((n) => (
        <li key={n.key} class={`note note-${n.tone}`} data-testid={`note-${n.key}`}>
          {n.text}
        </li>
      ))}
    </ul>
  );
}
