import { useEffect, useState } from 'preact/hooks';
import { post } from '../api.ts';
import type { Meeting } from '../../../shared/responses/meetings.ts';
import { pairingCodeSchema, tabletListSchema } from '../../../shared/responses/devices.ts';
import { useCanWrite } from '../useSession.ts';
import { useResource } from '../useResource.ts';
import { useT, type ConsoleKey } from '../useT.ts';
import { ApprovalsPanel } from '../trust/ApprovalsPanel.tsx';
import { DevicesPanel } from '../trust/DevicesPanel.tsx';
import { caPageUrl } from '../../../shared/hall.ts';
import { RootCertPanel } from '../hall/RootCertPanel.tsx';
import { hallOrigin, useHall } from '../hall/useHall.ts';
import { PairingCard } from './PairingCard.tsx';
import { ReplaceWarning } from './ReplaceWarning.tsx';
import { GuessingWarning } from './GuessingWarning.tsx';
import { TabletTable } from './TabletTable.tsx';
import { matchesState, STATE_FILTERS, type StateFilter, type TabletRow } from './tablets.ts';
import { Options } from '../Field.tsx';

/** How often the screen asks again who is online, checked in and voted (ms). */
const REFRESH_MS = 5000;

const asDeputy = (r: TabletRow) => ({ id: r.deputyId, name: r.name, seat: r.seat, delegation: r.delegation });

/**
 * 平板与配对码 (issue 13): per deputy the code issued and not yet used — read back from the server, so a reload
 * loses no card — the paired tablet, online, checked in, voted in the open ballot (only that); filters by
 * delegation and state; codes for the deputies shown who have neither code nor tablet; the shown cards printed
 * 12 to an A4 page; revoking a lost tablet; a warning and an explicit choice before a second tablet; a warning
 * while someone guesses pairing codes (issue 12).
 */
export function PairingCardsScreen({ meetingId, meeting }: { meetingId: string; meeting: Meeting | null }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const tablets = useResource(canWrite ? `${base}/tablets` : null, tabletListSchema);
  const { reload } = tablets;
  const [delegation, setDelegation] = useState('');
  const [state, setState] = useState<StateFilter>('all');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<TabletRow | null>(null);
  const [version, setVersion] = useState(0);
  const hall = useHall();
  const origin = hallOrigin(hall.data);
  const caUrl = hall.data?.ca ? caPageUrl(origin, hall.data.ca.port) : null;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const all = tablets.data?.tablets ?? [];
  const delegations = [...new Set(all.map((d) => d.delegation))];
  const shown = all.filter((d) => (!delegation || d.delegation === delegation) && matchesState(d, state));
  const missing = shown.filter((d) => d.code === null && d.paired === null);
  const printable = shown.filter((d) => d.code !== null);
  const running = progress !== null && progress.done < progress.total;

  const issue = async (list: TabletRow[], replace = false) => {
    setFailure(null);
    setProgress({ done: 0, total: list.length });
    for (const [i, d] of list.entries()) {
      const res = await post(`${base}/deputies/${encodeURIComponent(d.deputyId)}/pairing-code`, replace ? { replace: true } : {}, pairingCodeSchema);
      if (!res.ok) {
        setFailure(`${d.name}: ${server(res.error)}`);
        break;
      }
      // After voting began, a re-pairing waits for a scrutineer (202): no code here.
      if (!('code' in res.body)) setFailure(t('approvals.pendingNotice', { name: d.name }));
      setProgress({ done: i + 1, total: list.length });
    }
    reload();
    setVersion((v) => v + 1);
  };
  const issueOne = (row: TabletRow) => {
    if (row.paired) setReplacing(row);
    else void issue([row]);
  };
  const revoke = async (row: TabletRow) => {
    const res = await post(`/api/devices/${encodeURIComponent(row.paired!.deviceId)}/revoke`);
    if (!res.ok) setFailure(server(res.error));
    reload();
    setVersion((v) => v + 1);
  };

  return (
    <div class="stack" data-testid="cards-screen">
      <div class="no-print">
        <RootCertPanel info={hall.data} />
      </div>
      {/* Codes are for the secretariat's operators; a scrutineer here confirms requests and reads the devices. */}
      {canWrite && (
        <section class="card no-print">
          <h2>{t('tablets.title')}</h2>
          <p class="muted">{t('tablets.hint')}</p>
          <GuessingWarning guessing={tablets.data?.guessing ?? null} />
          <div class="actions">
            <label class="inline-label">
              {t('cards.delegation')}
              <select value={delegation} onChange={(e) => setDelegation(e.currentTarget.value)} data-testid="cards-delegation">
                <option value="">{t('cards.allDelegations', { n: all.length })}</option>
                <Options values={delegations} />
              </select>
            </label>
            <label class="inline-label">
              {t('tablets.filterState')}
              <select value={state} onChange={(e) => setState(e.currentTarget.value as StateFilter)} data-testid="tablets-state">
                <Options values={STATE_FILTERS} label={(s) => t(`tablets.state.${s}` as ConsoleKey)} />
              </select>
            </label>
            <span class="muted" data-testid="tablets-count">
              {t('tablets.count', { shown: shown.length, total: all.length })}
            </span>
          </div>
          <div class="actions">
            <button type="button" class="btn btn-primary" disabled={!canWrite || missing.length === 0 || running} data-testid="cards-issue-all" onClick={() => void issue(missing)}>
              {t('tablets.issueMissing', { n: missing.length })}
            </button>
            <button type="button" class="btn btn-secondary" disabled={printable.length === 0} data-testid="cards-print" onClick={() => window.print()}>
              {t('tablets.printShown', { n: printable.length })}
            </button>
            {progress && (
              <span class="muted" data-testid="cards-progress" data-done={progress.done} data-total={progress.total}>
                {t('cards.progress', progress)}
              </span>
            )}
          </div>
          {failure && (
            <p class="form-error" role="alert" data-testid="tablets-failure">
              {failure}
            </p>
          )}
          {replacing && (
            <ReplaceWarning
              row={replacing}
              onCancel={() => setReplacing(null)}
              onConfirm={() => {
                const row = replacing;
                setReplacing(null);
                void issue([row], true);
              }}
            />
          )}
          {tablets.data && <TabletTable rows={shown} ballotOpen={tablets.data.ballotId !== null} canWrite={canWrite} busy={running} onIssue={issueOne} onRevoke={revoke} />}
        </section>
      )}
      <ApprovalsPanel meetingId={meetingId} version={version} onDecided={() => { setVersion((v) => v + 1); reload(); }} />
      <DevicesPanel meetingId={meetingId} version={version} />
      <section class="card-sheet" data-testid="card-sheet">
        {printable.map((d) => (
          <PairingCard key={d.deputyId} deputy={asDeputy(d)} meetingName={meeting?.name ?? ''} code={d.code!.code} origin={origin} caUrl={caUrl} />
        ))}
      </section>
    </div>
  );
}
