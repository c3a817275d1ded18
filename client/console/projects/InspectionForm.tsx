import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { FormError } from '../Field.tsx';
import { useT } from '../useT.ts';
import { supervisionChangedSchema, type SupervisionAnswer } from '../../../shared/responses/supervision.ts';
import { useClientKey } from './client-key.ts';
import { PHOTO_ACCEPT, photoProblem, readPhoto, type PhotoFile } from './photo-files.ts';

/**
 * 录入视察记录: date, 视察/督查, the deputies taking part (ticked from the roster), findings, site photos (JPEG, PNG or
 * WebP, each at most 2 MB, at most 4: the API's limits, checked on choosing; a refused choice sends nothing).
 * Sends one idempotency key per filled form (client-key.ts), so a double click or a retry records it once.
 */
export function InspectionForm(props: { projectId: string; today: string; roster: { id: string; name: string }[]; onSaved: (a: SupervisionAnswer) => void }) {
  const { t, server } = useT();
  const [date, setDate] = useState(props.today);
  const [kind, setKind] = useState<'inspection' | 'supervision'>('inspection');
  const [picked, setPicked] = useState<string[]>([]);
  const [findings, setFindings] = useState('');
  const [photos, setPhotos] = useState<PhotoFile[]>([]);
  const [photoError, setPhotoError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [input, setInput] = useState(0); // a new key clears the file input after saving
  // One key per filled form: a double click or a retry records the inspection once.
  const [clientKey, renewClientKey] = useClientKey('in');
  const choose = async (files: File[]) => {
    const problem = photoProblem(files);
    if (problem) {
      setPhotos([]);
      setPhotoError(problem.code === 'too_many_photos' ? t('sv.photos.tooMany', { max: problem.max }) : `${problem.filename}：${t(`sv.photos.${problem.code}`)}`);
      return;
    }
    setPhotoError(undefined);
    setPhotos(await Promise.all(files.map(readPhoto)));
  };
  return (
    <form
      class="stack sv-form no-print"
      data-testid="inspection-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (photoError) return;
        setBusy(true);
        const r = await post(`/api/projects/${encodeURIComponent(props.projectId)}/inspections`, { date, kind, deputyIds: picked, findings, photos, clientKey }, supervisionChangedSchema);
        setBusy(false);
        if (!r.ok) return setError(server(r.error));
        renewClientKey();
        setError(undefined);
        setFindings('');
        setPicked([]);
        setPhotos([]);
        setInput((n) => n + 1);
        props.onSaved(r.body);
      }}
    >
      <h3>{t('sv.add')}</h3>
      <div class="sv-row">
        <label>
          {t('sv.date')} <input type="date" value={date} data-testid="inspection-date" onInput={(e) => setDate(e.currentTarget.value)} />
        </label>
        <label>
          {t('sv.kind')}{' '}
          <select value={kind} data-testid="inspection-kind" onChange={(e) => setKind(e.currentTarget.value as 'inspection' | 'supervision')}>
            <option value="inspection">{t('sv.kind.inspection')}</option>
            <option value="supervision">{t('sv.kind.supervision')}</option>
          </select>
        </label>
      </div>
      <fieldset class="sv-deputies">
        <legend>{t('sv.pickDeputies')}</legend>
        {props.roster.map((d) => (
          <label key={d.id} class="sv-deputy">
            <input
              type="checkbox"
              data-testid={`inspection-deputy-${d.id}`}
              checked={picked.includes(d.id)}
              onChange={(e) => setPicked(e.currentTarget.checked ? [...picked, d.id] : picked.filter((x) => x !== d.id))}
            />
            {d.name}
          </label>
        ))}
      </fieldset>
      <label class="stack">
        {t('sv.findings')}
        <textarea rows={3} value={findings} data-testid="inspection-findings" onInput={(e) => setFindings(e.currentTarget.value)} />
      </label>
      <label class="stack">
        {t('sv.photos')}
        <input
          key={input}
          type="file"
          multiple
          accept={PHOTO_ACCEPT}
          data-testid="inspection-photos"
          aria-describedby="inspection-photos-hint"
          aria-invalid={photoError ? 'true' : undefined}
          onChange={(e) => void choose([...(e.currentTarget.files ?? [])])}
        />
        <small class="hint" id="inspection-photos-hint">
          {t('sv.photos.hint')}
        </small>
      </label>
      {photoError && (
        <p class="field-error" role="alert" data-testid="inspection-photos-error">
          {photoError}
        </p>
      )}
      {photos.length > 0 && (
        <p class="small muted" data-testid="inspection-photos-chosen" data-count={photos.length}>
          {photos.map((p) => p.filename).join('、')}
        </p>
      )}
      <button type="submit" class="btn btn-primary" data-testid="inspection-save" disabled={busy || photoError !== undefined}>
        {t('sv.save')}
      </button>
      <FormError id="inspection" error={error} />
    </form>
  );
}
