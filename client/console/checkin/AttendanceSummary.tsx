import type { MeetingAttendance } from '../../../shared/responses/meetings.ts';
import { useT } from '../useT.ts';

/** 应到 / 实到 / 法定人数 at a glance, and whether the quorum is met (in words and colour). */
export function AttendanceSummary({ attendance }: { attendance: MeetingAttendance | null }) {
  const { t } = useT();
  if (!attendance) return <p class="muted">{t('loading')}</p>;
  const { seated, present, quorum } = attendance;
  return (
    <div class="att-summary" data-testid="attendance" data-seated={seated} data-present={present} data-quorum-met={String(quorum.met)}>
      <div class="stat">
        <span class="stat-label">{t('att.seated')}</span>
        <span class="stat-value" data-testid="att-seated">
          {seated}
        </span>
      </div>
      <div class="stat">
        <span class="stat-label">{t('att.present')}</span>
        <span class="stat-value" data-testid="att-present">
          {present}
        </span>
      </div>
      <div class="stat">
        <span class="stat-label">{t('att.absent')}</span>
        <span class="stat-value">{seated - present}</span>
      </div>
      <div class="stat">
        <span class="stat-label">{t('att.quorum')}</span>
        <span class="stat-value">{quorum.required}</span>
      </div>
      <div class={`quorum ${quorum.met ? 'quorum-met' : 'quorum-missing'}`} data-testid="quorum" role="status">
        {quorum.met ? `✓ ${t('att.quorumMet')}` : `✗ ${t('att.quorumMissing', { n: Math.max(0, quorum.required - present) })}`}
      </div>
    </div>
  );
}
