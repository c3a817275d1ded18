import { useState } from 'preact/hooks';
import { post } from './api.ts';
import { serverErrors } from './forms.ts';
import { Field, FormFoot } from './Field.tsx';
import type { Meeting } from '../../shared/responses/meetings.ts';
import { useT } from './useT.ts';
import { meetingCreatedSchema } from '../../shared/responses/meetings.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function MeetingForm({ onCreated }: { onCreated: (m: Meeting) => void }) {
  const { t, server, locale } = useT();
  const [name, setName] = useState('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = t('check.required');
    if (!DATE.test(date)) local.date = t('check.date');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const res = await post('/api/meetings', { name: name.trim(), date }, meetingCreatedSchema);
    setBusy(false);
    if (res.ok) onCreated(res.body.meeting);
    else setErrors(serverErrors(res.error, ['name', 'date'], locale));
  };

  return (
    <form class="form-grid" onSubmit={(e) => void submit(e)} noValidate data-testid="meeting-form">
      <Field id="meeting-name" label={t('meeting.name')} error={errors.name}>
        <input id="meeting-name" value={name} placeholder={t('meeting.namePlaceholder')} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id="meeting-date" label={t('meeting.date')} error={errors.date} hint="YYYY-MM-DD">
        <input id="meeting-date" value={date} placeholder="2023-02-21" onInput={(e) => setDate(e.currentTarget.value)} />
      </Field>
      <FormFoot id="meeting-form" error={errors['']} label={t('meetings.createButton')} testId="meeting-create" busy={busy} />
    </form>
  );
}
