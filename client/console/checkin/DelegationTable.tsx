import type { MeetingAttendance } from '../../../shared/responses/meetings.ts';
import { useT } from '../useT.ts';

/** By delegation (代表团): seated, present, missing, with a bar. */
export function DelegationTable({ attendance }: { attendance: MeetingAttendance }) {
  const { t } = useT();
  return (
    <table class="dense" data-testid="att-delegations">
      <thead>
        <tr>
          <th>{t('deputy.delegation')}</th>
          <th class="num">{t('att.seated')}</th>
          <th class="num">{t('att.present')}</th>
          <th class="num">{t('att.absent')}</th>
          <th class="bar-col" />
        </tr>
      </thead>
      <tbody>
        {attendance.byDelegation.map((d) => (
          <tr key={d.id} data-testid={`att-del-${d.name}`} data-present={d.present} data-seated={d.seated}>
            <td>{d.name}</td>
            <td class="num">{d.seated}</td>
            <td class="num">{d.present}</td>
            <td class={`num${d.seated - d.present > 0 ? ' warn-text' : ''}`}>{d.seated - d.present}</td>
            <td class="bar-col">
              <span class="minibar">
                <span style={{ width: `${d.seated ? (100 * d.present) / d.seated : 0}%` }} />
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
