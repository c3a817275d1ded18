import { useState } from 'preact/hooks';
import { EVALUATION_REPORTS, EVALUATION_THRESHOLDS } from '../../../shared/record.ts';
import { post } from '../api.ts';
import { Field, FieldError, FormFoot, SelectField } from '../Field.tsx';
import { serverErrors, toggled } from '../forms.ts';
import { staffProjectListSchema } from '../../../shared/responses/projects.ts';
import { evaluationCreatedSchema } from '../../../shared/responses/projects.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';

const FIELDS = ['title', 'projectIds', 'threshold', 'report', 'durationSeconds', 'year'] as const;

interface Props {
  meetingId: string;
  /** The year whose tracked projects are rated (the meeting's year − 1). */
  year: number;
  onCreated: (ballotId: string) => void;
  onCancel: () => void;
}

/**
 * 测评 YYYY 年民生实事项目 (DESIGN.md §4.10, issue 14): a 满意度测评 of a year's tracked projects — completed and
 * carried over, chosen with checkboxes, all by default, numbered 1…n as the year's list is — with the county's
 * rating rule as settings. Nothing of it enters the meeting's candidate list.
 */
export function EvaluationForm({ meetingId, year, onCreated, onCancel }: Props) {
  const { t, locale } = useT();
  const projects = useResource(`/api/projects?year=${year}`, staffProjectListSchema);
  const list = [...(projects.data?.projects ?? [])].sort((a, b) => a.number - b.number);
  const [unchosen, setUnchosen] = useState<Set<string>>(() => new Set());
  const [title, setTitle] = useState(t('eval.form.defaultTitle', { year }));
  const [threshold, setThreshold] = useState<string>('valid-majority');
  const [report, setReport] = useState<string>('rating');
  const [minutes, setMinutes] = useState('10');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const chosen = list.filter((p) => !unchosen.has(p.id));

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!title.trim()) e.title = t('check.required');
    if (chosen.length === 0) e.projectIds = t('eval.form.noneChosen');
    const m = Number(minutes.trim());
    if (!minutes.trim() || !Number.isFinite(m)) e.durationSeconds = t('check.number');
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    const res = await post(`/api/meetings/${encodeURIComponent(meetingId)}/evaluations`, {
      year,
      title: title.trim(),
      projectIds: chosen.map((p) => p.id),
      threshold,
      report,
      durationSeconds: Math.round(m * 60),
    }, evaluationCreatedSchema);
    setBusy(false);
    if (res.ok) onCreated(res.body.ballot.id);
    else setErrors(serverErrors(res.error, FIELDS, locale));
  };

  const toggle = (id: string) => setUnchosen((prev) => toggled(prev, id));

  if (projects.data && list.length === 0) {
    return (
      <div class="stack">
        <p class="form-error" data-testid="eval-no-projects">
          {t('eval.form.noProjects', { year })}
        </p>
        <div class="actions">
          <button type="button" class="btn btn-secondary" onClick={onCancel} data-testid="eval-cancel">
            {t('cancel')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <form class="ballot-form evaluation-form" onSubmit={(e) => void submit(e)} noValidate data-testid="evaluation-form">
      <div class="form-columns">
        <div class="form-col">
          <Field id="eval-title" label={t('ballot.title')} error={errors.title}>
            <input id="eval-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </Field>
          <div class="field">
            <span class="label">{t('eval.form.options')}</span>
            <p data-testid="eval-options">{t('eval.form.optionsText')}</p>
          </div>
          <SelectField id="eval-threshold" label={t('eval.form.base')} error={errors.threshold} value={threshold} values={EVALUATION_THRESHOLDS} optionLabel={(x) => t(`eval.base.${x}`)} onChange={setThreshold} />
          <SelectField id="eval-report" label={t('eval.form.report')} error={errors.report} value={report} values={EVALUATION_REPORTS} optionLabel={(x) => t(`eval.report.${x}`)} onChange={setReport} />
          <p class="small muted" data-testid="eval-skip-note">
            {t(threshold === 'rated-majority' ? 'eval.skip.rated-majority' : 'eval.skip.valid-majority')}
          </p>
          <Field id="eval-minutes" label={t('ballot.form.minutes')} error={errors.durationSeconds}>
            <input id="eval-minutes" inputMode="decimal" value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
          </Field>
        </div>
        <fieldset class="form-col" data-testid="eval-projects">
          <legend>{t('eval.form.projects', { year, n: chosen.length, total: list.length })}</legend>
          {!projects.data && <p class="muted">{t('loading')}</p>}
          <FieldError id="eval-projects" error={errors.projectIds} />
          <ul class="pick-list">
            {list.map((p) => (
              <li key={p.id}>
                <label>
                  <input type="checkbox" checked={!unchosen.has(p.id)} onChange={() => toggle(p.id)} data-testid={`eval-pick-${p.id}`} />
                  <span class="seq">{p.number}</span> {p.name} <span class="muted small">· {p.statusLabel}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
      <FormFoot id="eval-form" error={errors['']} label={t('eval.form.create')} testId="eval-create" busy={busy || !projects.data} onCancel={onCancel} cancelFirst cancelTestId="eval-cancel" />
    </form>
  );
}

