import { useEffect, useState } from 'preact/hooks';
import { keyFingerprint, sheetGroups } from '../../../shared/recovery-sheet.ts';
import { newKeyPair, sealReady } from '../../../shared/seal.ts';
import { put } from '../api.ts';
import { ConfirmButton } from '../ConfirmButton.tsx';
import type { BallotView } from '../../../shared/responses/ballots.ts';
import type { Meeting } from '../../../shared/responses/meetings.ts';
import { scrutineerKeyReplySchema } from '../../../shared/responses/sealed.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import { RecoverySheet, type SheetContent } from './RecoverySheet.tsx';
import { PrintButton } from '../PageLinks.tsx';

/**
 * 制作监票人密钥 (DESIGN §5): the console — in this browser, with libsodium, never the server — makes the chief
 * scrutineer's key pair, sends only the public half (PUT /api/meetings/:id/scrutineer-key), and shows the private
 * half once, as a printable recovery sheet. The sheet lives in this component's state only: closing it, leaving
 * the page or reloading forgets it. Possible until the meeting's first secret ballot opens (the server refuses
 * later with ballot_state).
 */
export function ScrutineerKeyPanel({ meeting, ballots, onChanged }: { meeting: Meeting; ballots: BallotView[]; onChanged: () => void }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const [sheet, setSheet] = useState<SheetContent | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Leaving the screen forgets the sheet (the state goes with the component); say so before a reload does.
  useEffect(() => {
    if (!sheet) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [sheet]);

  const locked = ballots.some((b) => b.secret && b.status !== 'draft');
  const hasKey = meeting.keyEscrow === 'scrutineer' && meeting.scrutineerPublicKey;

  const make = async () => {
    setBusy(true);
    setError(null);
    await sealReady();
    const pair = newKeyPair();
    const res = await put(`/api/meetings/${encodeURIComponent(meeting.id)}/scrutineer-key`, { publicKey: pair.publicKey }, scrutineerKeyReplySchema);
    setBusy(false);
    if (!res.ok) {
      setError(server(res.error));
      return;
    }
    setSheet({
      meeting: { name: meeting.name, date: meeting.date },
      fingerprint: keyFingerprint(pair.publicKey),
      groups: sheetGroups(pair.secretKey),
      madeAt: new Date().toLocaleString('zh-CN', { hour12: false }),
    });
    onChanged();
  };

  if (sheet) {
    return (
      <section class="card recovery-sheet-wrap" data-testid="skey-panel" data-state="sheet">
        <p class="sheet-once no-print" role="alert" data-testid="skey-once">
          {t('skey.once')}
        </p>
        <div class="actions no-print">
          <PrintButton label={t('skey.print')} testId="skey-print" />
          <ConfirmButton testId="skey-done" tone="danger" label={t('skey.done')} question={t('skey.doneQuestion')} onConfirm={() => setSheet(null)} />
        </div>
        <RecoverySheet sheet={sheet} />
      </section>
    );
  }

  const state = hasKey ? 'set' : locked ? 'training-locked' : 'none';
  return (
    <section class="card no-print" data-testid="skey-panel" data-state={state}>
      <header class="card-head">
        <h2>{t('skey.title')}</h2>
        {canWrite && !locked && (
          hasKey ? (
            <ConfirmButton testId="skey-make" tone="danger" label={t('skey.remake')} question={t('skey.remakeQuestion')} onConfirm={make} disabled={busy} />
          ) : (
            <button type="button" class="btn btn-primary" data-testid="skey-make" disabled={busy} onClick={() => void make()}>
              {busy ? t('skey.making') : t('skey.make')}
            </button>
          )
        )}
      </header>
      {hasKey ? (
        <p data-testid="skey-status">{t('skey.set', { fingerprint: keyFingerprint(meeting.scrutineerPublicKey!) })}</p>
      ) : (
        <p class="warn-text" data-testid="skey-status">
          {locked ? t('skey.lockedTraining') : t('skey.none')}
        </p>
      )}
      {hasKey && locked && <p class="muted">{t('skey.locked')}</p>}
      {error && (
        <p class="form-error" role="alert" data-testid="skey-error">
          {error}
        </p>
      )}
    </section>
  );
}
