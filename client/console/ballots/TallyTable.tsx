import type { Tally } from '../../../shared/record.ts';
import { rankOrder } from '../../components/results-view.ts';
import { nobodyRated } from '../../../shared/rules/unrated.ts';
import type { BallotCandidate, BallotView } from '../../../shared/responses/ballots.ts';
import { useT } from '../useT.ts';

/** Per candidate, in rank order: 赞成/反对/弃权 (or the evaluation's options), rank, passed, selected. */
export function TallyTable({ ballot, candidates, tally }: { ballot: BallotView; candidates: BallotCandidate[]; tally: Tally }) {
  const { t } = useT();
  const rows = rankOrder(tally, candidates);
  const evaluation = ballot.kind === 'evaluation';
  const withRating = ballot.evaluationReport !== 'rate';
  const byId = new Map(tally.candidates.map((c) => [c.id, c]));
  const ratings = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  // Nobody rated it (issue 16): 无人评价, counted under no rating and never flagged 整改; the record is unchanged.
  const unrated = (id: string) => evaluation && nobodyRated(byId.get(id)?.counts ?? {}, ballot.threshold);
  for (const c of tally.candidates) if (c.rating && !unrated(c.id)) ratings[c.rating] += 1;
  return (
    <>
    {evaluation && withRating && (
      <p class="eval-summary" data-testid="eval-summary">
        {t('eval.summary', { satisfied: ratings.satisfied, basic: ratings.basically_satisfied, dissatisfied: ratings.dissatisfied })}
      </p>
    )}
    <table class="dense tally-table" data-testid="tally-table">
      <thead>
        <tr>
          {!evaluation && <th class="num">{t('results.rank')}</th>}
          <th class="num">{t('cand.seq')}</th>
          <th>{t('cand.name')}</th>
          {ballot.options.map((o) => (
            <th key={o} class="num">
              {t(`option.${o}`)}
            </th>
          ))}
          {evaluation ? (
            <>
              <th class="num">{t('results.rate')}</th>
              {withRating && <th>{t('results.rating')}</th>}
            </>
          ) : (
            <>
              <th>{t('results.passed')}</th>
              <th>{t('results.selected')}</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const tc = byId.get(r.candidate.id);
          return (
            <tr key={r.candidate.id} class={r.selected ? 'row-selected' : r.tied ? 'row-tied' : undefined} data-testid={`tally-row-${r.candidate.id}`} data-for={r.votesFor} data-selected={String(r.selected)}>
              {!evaluation && <td class="num">{r.rank ?? '—'}</td>}
              <td class="num">{r.candidate.seq}</td>
              <td>{r.candidate.name}</td>
              {ballot.options.map((o) => (
                <td key={o} class="num" data-testid={`count-${o}`}>
                  {r.counts[o as keyof typeof r.counts] ?? 0}
                </td>
              ))}
              {evaluation ? (
                <>
                  <td class="num" data-testid="eval-rate">{tc?.satisfactionRate !== undefined && !unrated(r.candidate.id) ? `${(tc.satisfactionRate * 100).toFixed(1)}%` : '—'}</td>
                  {withRating && unrated(r.candidate.id) && (
                    <td data-testid="eval-rating" data-rating="unrated">
                      {t('eval.unrated')}
                    </td>
                  )}
                  {withRating && !unrated(r.candidate.id) && (
                    <td data-testid="eval-rating" data-rating={tc?.rating ?? ''}>
                      {tc?.rating ? t(`option.${tc.rating}`) : '—'}
                      {tc?.rating === 'dissatisfied' && <span class="pill pill-warn" data-testid="rectify"> {t('eval.rectify')}</span>}
                    </td>
                  )}
                </>
              ) : (
                <>
                  <td>{r.passed ? t('yes') : t('no')}</td>
                  <td>{r.selected ? `✓ ${t('results.selectedMark')}` : r.tied ? t('results.tiedMark') : ''}</td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
    </>
  );
}
