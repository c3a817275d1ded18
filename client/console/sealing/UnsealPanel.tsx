import { useRef, useState } from 'preact/hooks';
import { checkGroup, keyFingerprint, keyFromGroups, SHEET_GROUPS, SheetError, splitSheet, type GroupState } from '../../../shared/recovery-sheet.ts';
import { openSecretKey, publicKeyOf, sealReady } from '../../../shared/seal.ts';
import { get, post } from '../api.ts';
import type { BallotView } from '../../../shared/responses/ballots.ts';
import { sealedKeySchema } from '../../../shared/responses/sealed.ts';
import { useSession } from '../useSession.ts';
import { useT, type ConsoleKey } from '../useT.ts';


const stateKey = (s: Exclude<GroupState, 'ok'> | 'bad_key') => `unseal.state.${s}` as ConsoleKey;

/**
 * 启封 with the recovery sheet (DESIGN §5): a closed secret ballot whose key went with a crash. A scrutineer (or
 * admin — the server's rule, server/ballots/sealed-routes.ts) types the sheet's 13 groups; each is checked as it
 * is typed (its Luhn mod 32 check symbol). The console fetches the ballot key sealed to the scrutineer key, opens
 * it here with the sheet (a sheet of another meeting does not open it: said so, with both fingerprints), and
 * sends the ballot key to POST /api/ballots/:id/unseal, which opens the envelopes and tallies. The sheet's
 * symbols live in this form's state only and are cleared once sent.
 */
export function UnsealPanel({ ballot, meetingKey, voted, onOpened }: { ballot: BallotView; meetingKey: string | null; voted: number; onOpened: () => void }) {
  const { t, server } = useT();
  const role = useSession().account?.role;
  const [groups, setGroups] = useState<string[]>(() => Array.from({ length: SHEET_GROUPS }, () => ''));
  const [touched, setTouched] = useState<boolean[]>(() => Array.from({ length: SHEET_GROUPS }, () => false));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const mayOpen = role === 'scrutineer' || role === 'admin';

  const setGroup = (i: number, value: string) => {
    const pasted = value.replace(/[\s\-–—]/g, '');
    if (pasted.length > 5 || value.includes(':')) {
      // A whole sheet pasted (or scanned) into one field: spread it over the groups.
      const parts = splitSheet(value);
      setGroups(parts);
      setTouched(parts.map((p) => p !== ''));
      inputs.current[Math.min(parts.filter(Boolean).length, SHEET_GROUPS - 1)]?.focus();
      return;
    }
    setGroups((g) => g.map((x, j) => (j === i ? value : x)));
    if (checkGroup(i, value) === 'ok') {
      setTouched((s) => s.map((x, j) => (j === i ? true : x)));
      inputs.current[i + 1]?.focus();
    }
  };
  const touch = (i: number) => setTouched((s) => s.map((x, j) => (j === i ? true : x)));

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setTouched(groups.map(() => true));
    let secretKey: string;
    try {
      secretKey = keyFromGroups(groups);
    } catch (err) {
      if (!(err instanceof SheetError)) throw err;
      setError(err.group < 0 ? t(stateKey(err.state)) : t('unseal.groupError', { n: err.group + 1, problem: t(stateKey(err.state)) }));
      inputs.current[Math.max(err.group, 0)]?.focus();
      return;
    }
    setBusy(true);
    try {
      await sealReady();
      const sealed = await get(`/api/ballots/${encodeURIComponent(ballot.id)}/sealed-key`, sealedKeySchema);
      if (!sealed.ok) return setError(server(sealed.error));
      if (sealed.body.escrow === 'server') return setError(t('unseal.serverEscrow'));
      const holder = { publicKey: publicKeyOf(secretKey), secretKey };
      let ballotKey: string;
      try {
        ballotKey = openSecretKey(sealed.body.sealedSecretKey, holder);
      } catch {
        return setError(t('unseal.wrongMeeting', { sheet: keyFingerprint(holder.publicKey), meeting: meetingKey ? keyFingerprint(meetingKey) : '—' }));
      }
      const res = await post(`/api/ballots/${encodeURIComponent(ballot.id)}/unseal`, { secretKey: ballotKey });
      if (!res.ok) return setError(server(res.error));
      setGroups(groups.map(() => ''));
      onOpened();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card unseal" data-testid="unseal-panel">
      <h2>{t('unseal.title')}</h2>
      <p class="warn-text" data-testid="unseal-why">
        {voted > 0 ? t('unseal.why', { count: voted }) : t('unseal.whyNoCount')}
      </p>
      {!mayOpen ? (
        <p class="muted" data-testid="unseal-not-scrutineer">
          {t('unseal.notScrutineer')}
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="unseal-form" autocomplete="off">
          <ol class="unseal-groups">
            {groups.map((g, i) => {
              const state = checkGroup(i, g);
              const shown = touched[i] || state === 'ok';
              const bad = shown && state !== 'ok';
              return (
                <li key={i} class={`unseal-group${state === 'ok' ? ' ok' : ''}${bad ? ' bad' : ''}`} data-testid={`unseal-group-${i}`} data-state={state}>
                  <label for={`unseal-${i}`}>{t('unseal.group', { n: i + 1 })}</label>
                  <input
                    id={`unseal-${i}`}
                    ref={(el) => void (inputs.current[i] = el)}
                    class="mono"
                    value={g}
                    maxLength={i === 0 ? 200 : 7}
                    autocapitalize="characters"
                    spellcheck={false}
                    aria-invalid={bad}
                    aria-describedby={bad ? `unseal-${i}-problem` : undefined}
                    onInput={(e) => setGroup(i, e.currentTarget.value)}
                    onBlur={() => touch(i)}
                  />
                  <span class="unseal-mark" aria-hidden="true">
                    {state === 'ok' ? '✓' : bad ? '✗' : ''}
                  </span>
                  {bad && (
                    <span class="unseal-problem" id={`unseal-${i}-problem`}>
                      {t(stateKey(state))}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
          <p class="muted small">{t('unseal.paste')}</p>
          {error && (
            <p class="form-error" role="alert" data-testid="unseal-error">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="btn btn-primary btn-big" disabled={busy} data-testid="unseal-submit">
              {busy ? t('unseal.busy') : t('unseal.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
