import type { BallotView } from '../../../shared/responses/ballots.ts';
import { useT, type T } from '../useT.ts';
import { ballotDuration } from './duration.ts';

/** The rule settings in one line: "15 选 10 · 每票至多赞成 10 · 全体代表过半数 · 并列：再次投票 · 无记名 · 10 分钟". */
export function RulesSummary({ ballot: b, candidateCount }: { ballot: BallotView; candidateCount?: number | undefined }) {
  const { t } = useT();
  const parts: string[] = [];
  if (b.kind === 'evaluation') {
    // An evaluation has no 赞成 and no 弃权: its own rule and wording (DESIGN.md §4.10).
    parts.push(t('kind.evaluation'));
    parts.push(t(b.threshold === 'rated-majority' ? 'eval.base.rated-majority' : 'eval.base.valid-majority'));
    parts.push(t(b.evaluationReport === 'rate' ? 'eval.report.rate' : 'eval.report.rating'));
  } else {
    if (b.seats !== null) parts.push(candidateCount !== undefined ? t('rules.seatsOf', { n: candidateCount, seats: b.seats }) : t('rules.seats', { seats: b.seats }));
    else parts.push(t('rules.noSeats'));
    parts.push(b.maxApprovals !== null ? t('rules.cap', { n: b.maxApprovals }) : t('rules.noCap'));
    parts.push(t(`ties.${b.ties}`));
  }
  if (b.kind !== 'evaluation') {
    parts.push(t(`threshold.${b.threshold}`));
    parts.push(t(`blank.${b.blank}`));
  }
  parts.push(b.secret ? t('secret.true') : t('secret.false'));
  const { planned, extended } = ballotDuration(b);
  parts.push(
    extended > 0
      ? t('rules.durationExtended', { time: durationText(t, planned + extended), planned: durationText(t, planned), extended: durationText(t, extended) })
      : t('rules.duration', { time: durationText(t, planned) }),
  );
  if (b.closeWhenAllVoted) parts.push(t('rules.closeWhenAllVoted'));
  return (
    <span class="rules" data-testid="rules-summary">
      {parts.join(' · ')}
    </span>
  );
}

/** "10 分钟", or "1 分 30 秒" when the seconds are not whole minutes (the console's one duration format). */
export function durationText(t: T, seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (s === 0) return t('rules.minutes', { m });
  return m ? t('rules.minSec', { m, s }) : t('rules.seconds', { s });
}
