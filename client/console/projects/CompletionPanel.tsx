import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { Field, FormError, FormFoot } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import { staffProjectReplySchema, type StaffProject } from '../../../shared/responses/projects.ts';

const todayText = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * 完成情况 on the project page: the completion's date, 按期/逾期 and the reasons recorded; for the secretariat, the
 * form that marks it complete (a date, and the reasons the server asks for: 逾期原因 after the plan's last
 * milestone, 未完成说明 with milestones open or a target unmet) and the undo with its reason (issue 16).
 */
export function CompletionPanel({ project: p, onChange }: { project: StaffProject; onChange: (p: StaffProject) => void }) {
  const { t, locale } = useT();
  const canWrite = useCanWrite();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayText);
  const [note, setNote] = useState('');
  const [lateReason, setLateReason] = useState('');
  const [openReason, setOpenReason] = useState('');
  const [undoReason, setUndoReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const c = p.completed;
  const check = p.completionCheck;
  const late = check ? date.trim() > check.due : false;
  const targetShort = check?.target ? !check.target.met : false;
  const needsOpen = check ? check.openMilestones.length > 0 || targetShort : false;

  const send = async (url: string, body: object, fields: readonly string[]) => {
    setBusy(true);
    const res = await post(url, body, staffProjectReplySchema);
    setBusy(false);
    if (!res.ok) return setErrors(serverErrors(res.error, fields, locale));
    setErrors({});
    setOpen(false);
    setUndoReason('');
    onChange(res.body.project);
  };
  const base = `/api/projects/${encodeURIComponent(p.id)}`;

  if (c) {
    return (
      <div class="completion" data-testid="completion" data-timeliness={c.timeliness} data-on={c.on}>
        <p>
          <span class={`pill ${c.timeliness === 'late' ? 'pill-bad' : 'pill-ok'}`} data-testid="completion-timeliness">
            {t(`projects.timeliness.${c.timeliness}`)}
          </span>{' '}
          {t('projects.completion.on', { on: c.on, due: c.due })}
          {c.note && ` ${c.note}`}
        </p>
        {c.lateReason && <p class="small" data-testid="completion-late-reason">{t('projects.completion.lateReason')}：{c.lateReason}</p>}
        {c.openReason && <p class="small" data-testid="completion-open-reason">{t('projects.completion.openReason')}：{c.openReason}</p>}
        {canWrite && c.marked && (
          <div class="actions no-print">
            <Field id="undo-reason" label={t('projects.completion.undoReason')} error={errors.reason} inline>
              <input id="undo-reason" value={undoReason} onInput={(e) => setUndoReason(e.currentTarget.value)} />
            </Field>
            <button type="button" class="btn btn-secondary" disabled={busy} data-testid="completion-undo" onClick={() => void send(`${base}/complete/undo`, { reason: undoReason }, ['reason'])}>
              {t('projects.completion.undo')}
            </button>
            <FormError id="completion-undo" error={errors['']} />
          </div>
        )}
      </div>
    );
  }
  if (!canWrite || !check) return null;
  if (!open) {
    return (
      <div class="actions no-print">
        <button type="button" class="btn btn-secondary" data-testid="project-complete" onClick={() => setOpen(true)}>
          {t('projects.complete')}
        </button>
      </div>
    );
  }
  return (
    <form
      class="completion-form no-print"
      data-testid="completion-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const body: Record<string, string> = { date: date.trim() };
        if (note.trim()) body.note = note.trim();
        if (late) body.lateReason = lateReason;
        if (needsOpen) body.openReason = openReason;
        void send(`${base}/complete`, body, ['date', 'note', 'lateReason', 'openReason']);
      }}
    >
      <p class="small">{t('projects.completion.due', { due: check.due })}</p>
      {needsOpen && (
        <p class="small warn" data-testid="completion-open">
          {check.openMilestones.length > 0 && t('projects.completion.openMilestones', { n: check.openMilestones.length, total: p.milestones.length })}
          {targetShort && check.target && ` ${t('projects.completion.targetShort', { achieved: check.target.achieved, planned: check.target.plannedTotal })}`}
        </p>
      )}
      <div class="form-columns">
        <Field id="complete-date" label={t('projects.completion.date')} error={errors.date} hint="YYYY-MM-DD">
          <input id="complete-date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </Field>
        <Field id="complete-note" label={t('projects.completion.note')} error={errors.note}>
          <input id="complete-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
      </div>
      {late && (
        <Field id="complete-late" label={t('projects.completion.lateReason')} error={errors.lateReason}>
          <textarea id="complete-late" rows={2} value={lateReason} onInput={(e) => setLateReason(e.currentTarget.value)} />
        </Field>
      )}
      {needsOpen && (
        <Field id="complete-open" label={t('projects.completion.openReason')} error={errors.openReason}>
          <textarea id="complete-open" rows={2} value={openReason} onInput={(e) => setOpenReason(e.currentTarget.value)} />
        </Field>
      )}
      <FormFoot id="project-complete" error={errors['']} label={t('projects.complete')} testId="completion-submit" busy={busy}>
        <button type="button" class="btn btn-quiet" onClick={() => setOpen(false)}>
          {t('projects.completion.cancel')}
        </button>
      </FormFoot>
    </form>
  );
}
