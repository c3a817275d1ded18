import type { Attendance } from './state.ts';
import { useT } from './useT.ts';

/** Between ballots: 应到 / 实到 / 法定人数, and whether the quorum is met. */
export function AttendanceView({ attendance }: { attendance: Attendance }) {
  const { t } = useT();
  const items: [string, number, string][] = [
    [t('att.seated'), attendance.seated, 'seated'],
    [t('att.present'), attendance.present, 'present'],
    [t('att.quorum'), attendance.quorum.required, 'required'],
  ];
  return (
    <section class="attendance" data-testid="projector-attendance">
      <div class="att-numbers">
        {items.map(([label, value, key]) => (
          <div key={key} class={`att-item att-${key}`} data-testid={`projector-${key}`} data-value={value}>
            <span class="att-label">{label}</span>
            <span class="att-value">
              {value}
              <small>{t('att.unit')}</small>
            </span>
          </div>
        ))}
      </div>
      <p class={`att-quorum ${attendance.quorum.met ? 'met' : 'missing'}`} data-testid="projector-quorum" data-met={String(attendance.quorum.met)}>
        {attendance.quorum.met ? `✓ ${t('att.quorumMet')}` : `✗ ${t('att.quorumMissing')}`}
      </p>
    </section>
  );
}
