import { useState } from 'preact/hooks';
import type { TallyTie } from '../../../shared/record.ts';
import { post } from '../api.ts';
import { Field, FieldError, FormFoot } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import type { BallotCandidate } from '../../../shared/responses/ballots.ts';
import { useT } from '../useT.ts';

/** ties = presidium: which of the tied candidates the presidium (主席团) chose, with a note; audited. */
export function PresidiumForm({ ballotId, candidates, tie, onDone }: { ballotId: string; candidates: BallotCandidate[]; tie: TallyTie; onDone: () => void }) {
  const { t, server, locale } = useT();
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const tied = tie.candidates.map((id) => candidates.find((c) => c.id === id) ?? { id, seq: 0, name: id });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (chosen.length === 0) {
      setErrors({ selected: t('tie.chooseExactly', { n: tie.places }) });
      return;
    }
    setBusy(true);
    const res = await post(`/api/ballots/${encodeURIComponent(ballotId)}/presidium-decision`, { selected: chosen, ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (res.ok) onDone();
    else setErrors(serverErrors(res.error, ['selected', 'note'], locale));
  };

  return (
    <form class="presidium-form" onSubmit={(e) => void submit(e)} noValidate data-testid="presidium-form">
      <fieldset class={errors.selected ? 'field field-invalid' : 'field'}>
        <legend>{t('tie.presidiumChoose', { n: tie.places })}</legend>
        {tied.map((c) => (
          <label key={c.id} class="check-line">
            <input
              type="checkbox"
              checked={chosen.includes(c.id)}
              data-testid={`presidium-pick-${c.id}`}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setChosen((prev) => (on ? [...prev, c.id] : prev.filter((x) => x !== c.id)));
              }}
            />
            {c.seq ? `${c.seq}. ` : ''}
            {c.name}
          </label>
        ))}
        <FieldError id="presidium-selected" error={errors.selected} />
      </fieldset>
      <Field id="presidium-note" label={t('tie.presidiumNote')} error={errors.note}>
        <input id="presidium-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <FormFoot id="presidium" error={errors['']} label={t('tie.presidiumRecord')} testId="presidium-submit" busy={busy} bare />
    </form>
  );
}
