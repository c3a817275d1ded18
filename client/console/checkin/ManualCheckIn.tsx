import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from '../api.ts';
import { Field, FormError } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import type { Deputy } from '../../../shared/responses/roster.ts';
import { useT } from '../useT.ts';

const NOTE_MAX = 200;

/** 手动补签到 for one deputy, with a note (why, who saw them): audited on the server. */
export function ManualCheckIn({ meetingId, deputy, onDone }: { meetingId: string; deputy: Deputy; onDone: () => void }) {
  const { t, server, locale } = useT();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState(false);
  const id = `checkin-note-${deputy.id}`;
  const input = useRef<HTMLInputElement>(null);
  // Keyboard focus moves into the form when it opens; the form is named by what it asks.
  useEffect(() => input.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const res = await post(`/api/meetings/${encodeURIComponent(meetingId)}/check-ins`, { deputyId: deputy.id, ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    // After voting began the check-in waits for a scrutineer (202): say so, and keep the form.
    if (res.ok && res.status === 202) setPending(true);
    else if (res.ok) onDone();
    else setErrors(serverErrors(res.error, ['note', 'deputyId'], locale));
  };

  return (
    <form class="manual-checkin" aria-label={t('checkin.confirm', { name: deputy.name })} onSubmit={(e) => void submit(e)} noValidate data-testid={`manual-form-${deputy.id}`}>
      <Field id={id} label={t('checkin.note')} error={errors.note ?? errors.deputyId} hint={t('checkin.noteHint', { max: NOTE_MAX })}>
        <input id={id} ref={input} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <FormError id={`manual-${deputy.id}`} error={errors['']} />
      {pending && (
        <p class="notice" role="status" data-testid={`manual-pending-${deputy.id}`}>
          {t('approvals.pendingNotice', { name: deputy.name })}
        </p>
      )}
      <button type="submit" class="btn btn-primary btn-small" disabled={busy} data-testid={`manual-submit-${deputy.id}`}>
        {t('checkin.confirm', { name: deputy.name })}
      </button>
    </form>
  );
}
