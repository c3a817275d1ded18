import type { Tally } from '../../../shared/record.ts';
import { hasQuorum, quorumRequired } from '../../../shared/rules/quorum.ts';
import { thresholdLine } from '../../components/results-view.ts';
import type { BallotView, PapersBySource } from '../../../shared/responses/ballots.ts';
import { useT } from '../useT.ts';

/**
 * 应到/实到/法定人数 as fixed at close, and the papers: issued (= present), returned, valid, invalid, not voted; when
 * paper ballots were used (`bySource`, issue 17), 发出 and 收回 of the tablets and of the paper ballots.
 */
export function TallySummary({ ballot, tally, bySource = null }: { ballot: BallotView; tally: Tally; bySource?: PapersBySource | null }) {
  const { t } = useT();
  const att = ballot.attendance ?? { seated: 0, present: 0 };
  const line = thresholdLine(ballot.threshold, att, tally.papers.valid);
  const cells: [string, string | number, string][] = [
    [t('att.seated'), att.seated, 'seated'],
    [t('att.present'), att.present, 'present'],
    [t('att.quorum'), `${quorumRequired(att.seated)} ${hasQuorum(att.seated, att.present) ? '✓' : '✗'}`, 'quorum'],
    [t('papers.issued'), att.present, 'issued'],
    [t('papers.returned'), tally.papers.returned, 'returned'],
    [t('papers.valid'), tally.papers.valid, 'valid'],
    [t('papers.invalid'), tally.papers.invalid, 'invalid'],
    [t('papers.notVoted'), tally.notVoted, 'not-voted'],
  ];
  return (
    <div class="tally-summary">
      <dl class="stats-row">
        {cells.map(([label, value, key]) => (
          <div key={key} class="stat" data-testid={`sum-${key}`} data-value={String(value)}>
            <dt class="stat-label">{label}</dt>
            <dd class="stat-value">{value}</dd>
          </div>
        ))}
      </dl>
      {bySource && (
        <dl class="stats-row" data-testid="sum-by-source">
          {(['tablet', 'paper'] as const).flatMap((source) => {
            const name = t(source === 'tablet' ? 'paper.tabletVotes' : 'paper.paperVotes');
            return (['issued', 'returned'] as const).map((what) => (
              <div key={`${source}-${what}`} class="stat" data-testid={`sum-${source}-${what}`} data-value={String(bySource[source][what])}>
                <dt class="stat-label">
                  {name} · {t(`papers.${what}`)}
                </dt>
                <dd class="stat-value">{bySource[source][what]}</dd>
              </div>
            ));
          })}
        </dl>
      )}
      <p class="small" data-testid="threshold-note">
        {ballot.kind === 'evaluation'
          ? t(ballot.threshold === 'rated-majority' ? 'eval.base.rated-majority' : 'eval.base.valid-majority')
          : line
          ? t('results.thresholdLine', { rule: t(`threshold.${line.threshold}`), base: line.base, votes: line.votes })
          : t('results.noThreshold')}
      </p>
    </div>
  );
}
