import { useState } from 'preact/hooks';
import { del } from '../api.ts';
import { ConfirmButton } from '../ConfirmButton.tsx';
import type { Deputy } from '../../../shared/responses/roster.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import { ManualCheckIn } from './ManualCheckIn.tsx';
import { UnseatButton } from './UnseatButton.tsx';
import { TableHead } from '../TableHead.tsx';

/** Every seated deputy and whether they are in; those not yet in can be checked in by hand. */
export function DeputyList({ meetingId, deputies, onChanged }: { meetingId: string; deputies: Deputy[]; onChanged: () => void }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const [removal, setRemoval] = useState<{ ok: boolean; text: string } | null>(null);
  // A deputy added by mistake (a duplicate row) is removed before any ballot opens; the server refuses after.
  const remove = async (d: Deputy) => {
    const res = await del(`/api/meetings/${encodeURIComponent(meetingId)}/deputies/${encodeURIComponent(d.id)}`);
    setRemoval(res.ok ? { ok: true, text: t('import.removed', { name: d.name }) } : { ok: false, text: server(res.error) });
    if (res.ok) onChanged();
  };
  const [onlyAbsent, setOnlyAbsent] = useState(true);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const q = search.trim();
  const shown = deputies.filter(
    (d) => d.seated && (!onlyAbsent || d.checkedInAt === null) && (!q || d.name.includes(q) || d.delegation.includes(q) || (d.seat ?? '').includes(q)),
  );
  return (
    <div data-testid="deputy-list">
      <div class="actions">
        <label class="inline-label">
          <input type="checkbox" checked={onlyAbsent} onChange={(e) => setOnlyAbsent(e.currentTarget.checked)} data-testid="only-absent" />
          {t('checkin.onlyAbsent')}
        </label>
        <input type="search" placeholder={t('checkin.search')} value={search} onInput={(e) => setSearch(e.currentTarget.value)} aria-label={t('checkin.search')} data-testid="deputy-search" />
        <span class="muted">{t('checkin.shown', { n: shown.length })}</span>
      </div>
      {removal && (
        <p class={removal.ok ? 'ok-line' : 'form-error'} role="status" data-testid="deputy-removal">
          {removal.text}
        </p>
      )}
      <div class="table-scroll tall">
        <table class="dense">
          <TableHead cols={['deputy.name', 'deputy.delegation', 'deputy.seat', 'checkin.status', null]} />
          <tbody>
            {shown.map((d) => (
              <tr key={d.id} data-testid={`deputy-${d.id}`} data-checked-in={String(d.checkedInAt !== null)}>
                <td>{d.name}</td>
                <td>{d.delegation}</td>
                <td>{d.seat ?? '—'}</td>
                <td id={`status-${d.id}`} tabIndex={-1}>
                  {d.checkedInAt !== null ? (
                    <span class="pill pill-ok">
                      ✓ {t('checkin.in')}
                      {d.checkInMethod === 'manual' ? ` · ${t('checkin.manual')}` : ''}
                    </span>
                  ) : (
                    <span class="pill pill-warn">{t('checkin.out')}</span>
                  )}
                </td>
                <td>
                  {d.checkedInAt === null && canWrite && open !== d.id && (
                    <button type="button" class="btn btn-small" data-testid={`manual-${d.id}`} onClick={() => setOpen(d.id)}>
                      {t('checkin.manualButton')}
                    </button>
                  )}
                  {canWrite && open !== d.id && (
                    <ConfirmButton label={t('import.remove')} question={t('import.removeConfirm', { name: d.name })} tone="danger" testId={`remove-${d.id}`} onConfirm={() => remove(d)} />
                  )}
                  {canWrite && open !== d.id && <UnseatButton meetingId={meetingId} deputy={d} onDone={onChanged} />}
                  {open === d.id && d.checkedInAt === null && (
                    <ManualCheckIn
                      meetingId={meetingId}
                      deputy={d}
                      onDone={() => {
                        setOpen(null);
                        onChanged();
                        // Focus back to the row, whose status now says 已签到.
                        queueMicrotask(() => document.getElementById(`status-${d.id}`)?.focus());
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
