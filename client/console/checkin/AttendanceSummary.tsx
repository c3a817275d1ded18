import type { MeetingAttendance } from '../../../shared/responses/meetings.ts';
import { useT } from '../useT.ts';

/** One figure of the summary under its label. */
const Stat = ({ label, value, testId }: { label: string; value: number; testId?: string }) => (
  <div class="stat">
    <span class="stat-label">{label}</span>
    <span class="stat-value" data-testid={testId}>
      {value}
    </span>
  </div>
);

/** 应到 / 实到 / 法定人数 at a glance, and whether the quorum is met (in words and colour). */
export function AttendanceSummary({ attendance }: { attendance: MeetingAttendance | null }) {
  const { t } = useT();
  if (!attendance) return <p class="muted">{t('loading')}</p>;
  const { seated, present, quorum } = attendance;
  return (
    <div class="att-summary" data-testid="attendance" data-seated={seated} data-present={present} data-quorum-met={String(quorum.met)}>
      <Stat label={t('att.seated')} value={seated} testId="att-seated" />
      <Stat label={t('att.present')} value={present} testId="att-present" />
      <Stat label={t('att.absent')} value={seated - present} />
      <Stat label={t('att.quorum')} value={quorum.required} />
      <div class={`quorum ${quorum.met ? 'quorum-met' : 'quorum-missing'}`} data-testid="quorum" role="status">
        {quorum.met ? `✓ ${t('att.quorumMet')}` : `✗ ${t('att.quorumMissing', { n: Math.max(0, quorum.required - present) })}`}
      </div>
    </div>
  );
}
