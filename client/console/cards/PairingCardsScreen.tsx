import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import type { Deputy, Meeting } from '../types.ts';
import { useCanWrite } from '../useSession.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { ApprovalsPanel } from '../trust/ApprovalsPanel.tsx';
import { DevicesPanel } from '../trust/DevicesPanel.tsx';
import { caPageUrl } from '../../../shared/hall.ts';
import { RootCertPanel } from '../hall/RootCertPanel.tsx';
import { hallOrigin, useHall } from '../hall/useHall.ts';
import { PairingCard } from './PairingCard.tsx';

/**
 * 配对码: a one-time code per deputy (POST …/pairing-code), printed as cards with a QR code, 12 to an A4 page.
 * Codes are shown once and never stored readable; issuing a new code voids the deputy's unused one.
 */
export function PairingCardsScreen({ meetingId, meeting }: { meetingId: string; meeting: Meeting | null }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const deputies = useResource<{ deputies: Deputy[] }>(`${base}/deputies`);
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [delegation, setDelegation] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const hall = useHall();
  const origin = hallOrigin(hall.data);
  const caUrl = hall.data?.ca ? caPageUrl(origin, hall.data.ca.port) : null;

  const all = (deputies.data?.deputies ?? []).filter((d) => d.seated);
  const delegations = [...new Set(all.map((d) => d.delegation))];
  const shown = all.filter((d) => !delegation || d.delegation === delegation);

  const issue = async (list: Deputy[]) => {
    if (list.some((d) => codes[d.id]) && !confirm(t('cards.reissueConfirm'))) return;
    setFailure(null);
    setProgress({ done: 0, total: list.length });
    for (const [i, d] of list.entries()) {
      const res = await post<{ code?: string; pending?: { id: string } }>(`${base}/deputies/${encodeURIComponent(d.id)}/pairing-code`);
      if (!res.ok) {
        setFailure(`${d.name}: ${server(res.error)}`);
        break;
      }
      // After voting began, a re-pairing waits for a scrutineer (202): no code here.
      const code = res.body.code;
      if (code) setCodes((c) => ({ ...c, [d.id]: code }));
      else setFailure(t('approvals.pendingNotice', { name: d.name }));
      setProgress({ done: i + 1, total: list.length });
    }
    setVersion((v) => v + 1);
  };

  return (
    <div class="stack" data-testid="cards-screen">
      <div class="no-print">
        <RootCertPanel info={hall.data} />
      </div>
      <section class="card no-print">
        <h2>{t('cards.title')}</h2>
        <p class="muted">{t('cards.hint')}</p>
        <div class="actions">
          <label class="inline-label">
            {t('cards.delegation')}
            <select value={delegation} onChange={(e) => setDelegation(e.currentTarget.value)} data-testid="cards-delegation">
              <option value="">{t('cards.allDelegations', { n: all.length })}</option>
              {delegations.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="btn btn-primary" disabled={!canWrite || shown.length === 0 || (progress !== null && progress.done < progress.total)} data-testid="cards-issue-all" onClick={() => void issue(shown)}>
            {t('cards.issueAll', { n: shown.length })}
          </button>
          <button type="button" class="btn btn-secondary" disabled={!shown.some((d) => codes[d.id])} data-testid="cards-print" onClick={() => window.print()}>
            {t('cards.print')}
          </button>
          {progress && (
            <span class="muted" data-testid="cards-progress" data-done={progress.done} data-total={progress.total}>
              {t('cards.progress', progress)}
            </span>
          )}
        </div>
        {failure && <p class="form-error" role="alert">{failure}</p>}
        <table class="dense">
          <thead>
            <tr>
              <th>{t('deputy.name')}</th>
              <th>{t('deputy.delegation')}</th>
              <th>{t('deputy.seat')}</th>
              <th>{t('cards.code')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{d.delegation}</td>
                <td>{d.seat ?? '—'}</td>
                <td class="mono">{codes[d.id] ?? '—'}</td>
                <td>
                  <button type="button" class="btn btn-small" disabled={!canWrite} data-testid={`cards-issue-${d.id}`} onClick={() => void issue([d])}>
                    {codes[d.id] ? t('cards.reissue') : t('cards.issue')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ApprovalsPanel meetingId={meetingId} version={version} onDecided={() => setVersion((v) => v + 1)} />
      <DevicesPanel meetingId={meetingId} version={version} />
      <section class="card-sheet" data-testid="card-sheet">
        {shown.map((d) => {
          const code = codes[d.id];
          return code ? <PairingCard key={d.id} deputy={d} meetingName={meeting?.name ?? ''} code={code} origin={origin} caUrl={caUrl} /> : null;
        })}
      </section>
    </div>
  );
}
