import { RevokeButton } from '../trust/RevokeButton.tsx';
import { useT } from '../useT.ts';
import { clockTime, type TabletRow } from './tablets.ts';
import { TableHead } from '../TableHead.tsx';

const Flag = ({ on, testId }: { on: boolean; testId: string }) => {
  const { t } = useT();
  return (
    <span class={`pill ${on ? 'pill-ok' : ''}`} data-testid={testId} data-on={on ? '1' : '0'}>
      {on ? t('tablets.yes') : t('tablets.no')}
    </span>
  );
};

/**
 * The 平板 table: per deputy the code not yet used (with its expiry), the paired tablet (when, which device),
 * online, checked in and — while a ballot is open — voted (only that). Each row issues a code or revokes the tablet.
 */
export function TabletTable({ rows, ballotOpen, canWrite, busy, onIssue, onRevoke }: { rows: TabletRow[]; ballotOpen: boolean; canWrite: boolean; busy: boolean; onIssue: (row: TabletRow) => void; onRevoke: (row: TabletRow) => Promise<void> }) {
  const { t } = useT();
  if (rows.length === 0) return <p class="muted">{t('tablets.none')}</p>;
  return (
    <table class="dense" data-testid="tablets-table">
      <TableHead cols={['deputy.name', 'deputy.delegation', 'deputy.seat', 'cards.code', 'tablets.tablet', 'tablets.online', 'tablets.checkedIn', ballotOpen && { key: 'tablets.voted', title: t('tablets.votedHint') }, null]} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.deputyId} data-testid={`tablet-row-${r.deputyId}`}>
            <td>{r.name}</td>
            <td>{r.delegation}</td>
            <td>{r.seat ?? '—'}</td>
            <td>
              {r.code ? (
                <>
                  <span class="mono" data-testid={`tablet-code-${r.deputyId}`}>
                    {r.code.code}
                  </span>
                  <div class="hint">{t('tablets.validUntil', { time: clockTime(r.code.expiresAt) })}</div>
                </>
              ) : (
                '—'
              )}
            </td>
            <td data-testid={`tablet-paired-${r.deputyId}`}>
              {r.paired ? (
                <>
                  {t('tablets.pairedAt', { time: clockTime(r.paired.pairedAt) })}
                  <div class="hint mono">{t('tablets.device', { id: r.paired.deviceId })}</div>
                </>
              ) : (
                '—'
              )}
            </td>
            <td>{r.paired ? <Flag on={r.online} testId={`tablet-online-${r.deputyId}`} /> : '—'}</td>
            <td>
              <Flag on={r.checkedIn} testId={`tablet-checkedin-${r.deputyId}`} />
            </td>
            {ballotOpen && <td>{r.voted === null ? '—' : <Flag on={r.voted} testId={`tablet-voted-${r.deputyId}`} />}</td>}
            <td>
              <button type="button" class="btn btn-small" disabled={!canWrite || busy} data-testid={`cards-issue-${r.deputyId}`} onClick={() => onIssue(r)}>
                {r.code || r.paired ? t('cards.reissue') : t('cards.issue')}
              </button>
              {r.paired && (
                <RevokeButton name={r.name} disabled={!canWrite} testId={`tablet-revoke-${r.deputyId}`} onRevoke={() => onRevoke(r)} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
