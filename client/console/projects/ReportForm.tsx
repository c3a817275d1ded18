import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { Field, FieldError, FormFoot } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useT } from '../useT.ts';
import type { StaffProject } from '../../../shared/responses/projects.ts';
import { reportFiledSchema } from '../../../shared/responses/projects.ts';
import { useClientKey } from './client-key.ts';
import { readPhoto, type PhotoFile } from './photo-files.ts';

const FIELDS = ['date', 'spentWan', 'milestonesReached', 'outputs', 'note', 'photos'] as const;

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** 填报进度: date, spending to date, the nodes reached, what was done (label → number), a note, site photos. */
export function ReportForm({ project, onFiled }: { project: StaffProject; onFiled: (p: StaffProject) => void }) {
  const { t, locale } = useT();
  const [date, setDate] = useState(today);
  const [spent, setSpent] = useState(project.money.spentToDateWan === null ? '' : String(project.money.spentToDateWan));
  const [reached, setReached] = useState<number[]>([]);
  const [outputs, setOutputs] = useState<{ label: string; n: string }[]>([{ label: '', n: '' }]);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PhotoFile[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // One key per filing: a double click or a retry sends the same key and the server files it once.
  const [clientKey, renewClientKey] = useClientKey('rf');

  const setOutput = (i: number, patch: Partial<{ label: string; n: string }>) => setOutputs((rows) => rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    const local: Record<string, string> = {};
    if (!date.trim()) local.date = t('check.required');
    const spentText = spent.trim();
    if (spentText === '') local.spentWan = t('check.required');
    else if (!Number.isFinite(Number(spentText))) local.spentWan = t('check.number');
    const out: Record<string, number> = {};
    for (const row of outputs) {
      if (!row.label.trim() && !row.n.trim()) continue;
      if (!row.label.trim()) local.outputs = t('projects.form.outputLabel');
      else if (row.n.trim() === '' || !Number.isFinite(Number(row.n))) local.outputs = t('check.number');
      else out[row.label.trim()] = Number(row.n);
    }
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const res = await post(`/api/projects/${encodeURIComponent(project.id)}/reports`, {
      date: date.trim(),
      spentWan: Number(spentText),
      milestonesReached: reached,
      outputs: out,
      note,
      photos,
      clientKey,
    }, reportFiledSchema);
    setBusy(false);
    if (!res.ok) {
      setErrors(serverErrors(res.error, FIELDS, locale));
      return;
    }
    setSaved(res.body.reportId);
    renewClientKey();
    setReached([]);
    setOutputs([{ label: '', n: '' }]);
    setNote('');
    setPhotos([]);
    onFiled(res.body.project);
  };

  return (
    <form class="report-form" onSubmit={(e) => void submit(e)} noValidate data-testid="report-form">
      <div class="form-columns">
        <Field id="report-date" label={t('projects.form.date')} error={errors.date} hint="YYYY-MM-DD">
          <input id="report-date" value={date} placeholder="2023-05-10" onInput={(e) => setDate(e.currentTarget.value)} />
        </Field>
        <Field id="report-spent" label={t('projects.form.spent')} error={errors.spentWan} hint={t('projects.form.spentHint')}>
          <input id="report-spent" inputMode="decimal" value={spent} onInput={(e) => setSpent(e.currentTarget.value)} />
        </Field>
      </div>
      <fieldset class={`field${errors.milestonesReached ? ' field-invalid' : ''}`} data-testid="field-report-milestones">
        <legend>{t('projects.form.milestones')}</legend>
        <ul class="pick-list">
          {project.milestones.map((m) => (
            <li key={m.position}>
              <label class="check-line">
                <input
                  type="checkbox"
                  data-testid={`report-milestone-${m.position}`}
                  checked={m.reached || reached.includes(m.position)}
                  disabled={m.reached}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setReached((r) => (on ? [...r, m.position].sort((a, b) => a - b) : r.filter((x) => x !== m.position)));
                  }}
                />
                <span class="mono">{m.period}</span> {m.text}
              </label>
            </li>
          ))}
        </ul>
        <FieldError id="report-milestones" error={errors.milestonesReached} />
      </fieldset>
      <fieldset class={`field${errors.outputs ? ' field-invalid' : ''}`} data-testid="field-report-outputs">
        <legend>{t('projects.form.outputs')}</legend>
        {outputs.map((row, i) => (
          <div class="output-row" key={i}>
            <input aria-label={t('projects.form.outputName')} placeholder={t('projects.form.outputNamePlaceholder')} data-testid={`report-output-label-${i}`} value={row.label} onInput={(e) => setOutput(i, { label: e.currentTarget.value })} />
            <input aria-label={t('projects.form.outputNumber')} inputMode="decimal" class="output-n" data-testid={`report-output-n-${i}`} value={row.n} onInput={(e) => setOutput(i, { n: e.currentTarget.value })} />
            {outputs.length > 1 && (
              <button type="button" class="btn btn-quiet btn-small" onClick={() => setOutputs((rows) => rows.filter((_, k) => k !== i))}>
                {t('projects.form.removeOutput')}
              </button>
            )}
          </div>
        ))}
        <button type="button" class="btn btn-secondary btn-small" data-testid="report-output-add" onClick={() => setOutputs((rows) => [...rows, { label: '', n: '' }])}>
          {t('projects.form.addOutput')}
        </button>
        <FieldError id="report-outputs" error={errors.outputs} />
      </fieldset>
      <Field id="report-note" label={t('projects.form.note')} error={errors.note}>
        <textarea id="report-note" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <Field id="report-photos" label={t('projects.form.photos')} error={errors.photos} hint={t('projects.form.photosHint')}>
        <input
          id="report-photos"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp"
          onChange={async (e) => {
            const files = [...(e.currentTarget.files ?? [])];
            setPhotos(await Promise.all(files.map(readPhoto)));
          }}
        />
      </Field>
      {photos.length > 0 && (
        <p class="small muted" data-testid="report-photos-chosen" data-count={photos.length}>
          {photos.map((p) => p.filename).join('、')}
        </p>
      )}
      <FormFoot id="report-form" error={errors['']} label={t('projects.form.submit')} testId="report-submit" busy={busy}>
        {saved && (
          <span class="ok-line" data-testid="report-saved">
            {t('projects.form.saved')}
          </span>
        )}
      </FormFoot>
    </form>
  );
}
