import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { Field, FormError } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { readTextFile } from '../import/readTextFile.ts';
import { href } from '../route.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import type { StaffProject } from '../../../shared/responses/projects.ts';
import { importCompletedReplySchema } from '../../../shared/responses/projects.ts';

/** 导入往年完成情况: a completed year's report as JSON (the shape of qinshui-2022-completed.json), pasted or chosen. */
export function ImportCompletedScreen() {
  const { t, server, locale } = useT();
  const canWrite = useCanWrite();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ year: number; imported: number } | null>(null);

  if (!canWrite) return <p class="form-error">{server({ code: 'forbidden', message: 'your role does not allow this' })}</p>;

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      setErrors({ json: t('projects.import.notJson') });
      return;
    }
    setErrors({});
    setBusy(true);
    const res = await post('/api/projects/import-completed', body, importCompletedReplySchema);
    setBusy(false);
    if (!res.ok) {
      const errs = serverErrors(res.error, ['year', 'projects'], locale);
      setErrors({ json: Object.entries(errs).map(([k, v]) => (k ? `${k}: ${v}` : v)).join('\n') });
      return;
    }
    setDone({ year: res.body.projects[0]?.year ?? 0, imported: res.body.imported });
  };

  return (
    <section class="card" data-testid="import-completed-screen">
      <h1>{t('projects.import.title')}</h1>
      <p class="muted small">{t('projects.import.hint')}</p>
      <form class="form-grid" onSubmit={(e) => void submit(e)} noValidate>
        <label class="btn btn-secondary file-button">
          {t('projects.import.file')}
          <input type="file" accept="application/json,.json" data-testid="import-completed-file" onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (file) setText(await readTextFile(file));
          }} />
        </label>
        <Field id="import-completed-text" label={t('projects.import.json')} error={errors.json}>
          <textarea id="import-completed-text" rows={14} class="mono" value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="import-completed-text" />
        </Field>
        <FormError id="import-completed" error={errors['']} />
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy || !text.trim()} data-testid="import-completed-submit">
            {t('projects.import.submit')}
          </button>
          {done && (
            <span class="ok-line" data-testid="import-completed-done">
              {t('projects.import.done', { n: done.imported, year: done.year })}{' '}
              <a href={href({ screen: 'projectReport', year: done.year })}>{t('projects.reportLink')}</a>
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
