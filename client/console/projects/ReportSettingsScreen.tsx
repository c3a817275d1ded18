import { useEffect, useState } from 'preact/hooks';
import { put } from '../api.ts';
import { Field, FormError } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { href } from '../route.ts';
import { useResource } from '../useResource.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import type { ReportSettings } from '../../../shared/projects.ts';
import { reportSettingsReplySchema, staffProjectListSchema } from '../../../shared/responses/projects.ts';
import { BackLink } from '../PageLinks.tsx';

type Settings = ReportSettings;
type Theme = Settings['themes'][number];

/**
 * 报告设置 of a year's completion report (GET/PUT /api/projects/report-settings?year=, DESIGN §11): the county named
 * in the title and the year's themes (the 一、二、 headings) in order, each with its projects in order; a project in
 * no theme stays under its category. The server checks and audits (projects.report_settings); its refusals show
 * at the field they name.
 */
export function ReportSettingsScreen({ year }: { year: number }) {
  const { t, server, locale } = useT();
  const canWrite = useCanWrite();
  const saved = useResource(`/api/projects/report-settings?year=${year}`, reportSettingsReplySchema);
  const list = useResource(`/api/projects?year=${year}`, staffProjectListSchema);
  const [form, setForm] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (saved.data && form === null) setForm(saved.data.settings);
  }, [saved.data]);

  const error = saved.error ?? list.error;
  if (error) return <p class="form-error">{server(error)}</p>;
  if (!form || !list.data) return <p class="muted">{t('loading')}</p>;
  const projects = list.data.projects;
  const nameOf = (id: string) => projects.find((p) => p.id === id)?.name ?? id;
  const placed = new Set(form.themes.flatMap((th) => th.projectIds));
  const free = projects.filter((p) => !placed.has(p.id));
  const edit = (next: Settings) => {
    setForm(next);
    setDone(false);
  };
  const setTheme = (i: number, theme: Theme | null) =>
    edit({ ...form, themes: theme === null ? form.themes.filter((_, k) => k !== i) : form.themes.map((th, k) => (k === i ? theme : th)) });
  const move = <T,>(xs: T[], from: number, to: number) => {
    if (to < 0 || to >= xs.length) return xs;
    const out = [...xs];
    const [x] = out.splice(from, 1);
    out.splice(to, 0, x!);
    return out;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const res = await put(`/api/projects/report-settings?year=${year}`, form, reportSettingsReplySchema);
    setBusy(false);
    if (!res.ok) {
      setErrors(serverErrors(res.error, ['county', ...form.themes.map((_, i) => `themes.${i}`)], locale));
      return;
    }
    setErrors({});
    setForm(res.body.settings);
    setDone(true);
  };

  return (
    <section class="card report-settings" data-testid="report-settings-screen">
      <div class="actions no-print">
        <BackLink class="btn btn-secondary" to={{ screen: 'projectReport', year }} label={t('rs.back', { year })} testId="report-settings-back" />
      </div>
      <h1>{t('rs.title', { year })}</h1>
      <p class="muted small">{t('rs.hint')}</p>
      <form class="stack rs-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="rs-county" label={t('rs.county')} hint={t('rs.countyHint')} error={errors.county}>
          <input id="rs-county" value={form.county} maxLength={40} disabled={!canWrite} data-testid="rs-county" onInput={(e) => edit({ ...form, county: e.currentTarget.value })} />
        </Field>
        <h2>{t('rs.themes')}</h2>
        {form.themes.length === 0 && <p class="muted">{t('rs.noThemes')}</p>}
        <ol class="rs-themes">
          {form.themes.map((th, i) => (
            <li key={i} class="rs-theme" data-testid="rs-theme">
              <Field id={`rs-theme-${i}`} label={t('rs.themeName', { n: i + 1 })} error={errors[`themes.${i}`]}>
                <input id={`rs-theme-${i}`} value={th.name} maxLength={60} disabled={!canWrite} data-testid={`rs-theme-name-${i}`} onInput={(e) => setTheme(i, { ...th, name: e.currentTarget.value })} />
              </Field>
              <ul class="rs-projects">
                {th.projectIds.map((id, j) => (
                  <li key={id} data-testid="rs-theme-project">
                    <span>{nameOf(id)}</span>
                    {canWrite && (
                      <span class="rs-buttons">
                        <button type="button" class="btn btn-secondary btn-small" aria-label={t('rs.up')} disabled={j === 0} onClick={() => setTheme(i, { ...th, projectIds: move(th.projectIds, j, j - 1) })}>
                          ↑
                        </button>
                        <button type="button" class="btn btn-secondary btn-small" aria-label={t('rs.down')} disabled={j === th.projectIds.length - 1} onClick={() => setTheme(i, { ...th, projectIds: move(th.projectIds, j, j + 1) })}>
                          ↓
                        </button>
                        <button type="button" class="btn btn-secondary btn-small" onClick={() => setTheme(i, { ...th, projectIds: th.projectIds.filter((x) => x !== id) })}>
                          {t('rs.removeProject')}
                        </button>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
              {canWrite && (
                <div class="sv-row">
                  {free.length > 0 && (
                    <select
                      aria-label={t('rs.addProject')}
                      data-testid={`rs-add-${i}`}
                      value=""
                      onChange={(e) => {
                        const id = e.currentTarget.value;
                        if (id) setTheme(i, { ...th, projectIds: [...th.projectIds, id] });
                      }}
                    >
                      <option value="">{t('rs.addProject')}</option>
                      {free.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.number}. {p.name}
                        </option>
                      ))}
                    </select>
                  )}
                  <button type="button" class="btn btn-secondary btn-small" disabled={i === 0} onClick={() => edit({ ...form, themes: move(form.themes, i, i - 1) })}>
                    {t('rs.themeUp')}
                  </button>
                  <button type="button" class="btn btn-secondary btn-small" data-testid={`rs-remove-theme-${i}`} onClick={() => setTheme(i, null)}>
                    {t('rs.removeTheme')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
        {canWrite && (
          <div class="actions">
            <button type="button" class="btn btn-secondary" data-testid="rs-add-theme" onClick={() => edit({ ...form, themes: [...form.themes, { name: '', projectIds: [] }] })}>
              {t('rs.addTheme')}
            </button>
          </div>
        )}
        {free.length > 0 && <p class="muted small" data-testid="rs-unplaced">{t('rs.unplaced', { n: free.length })}</p>}
        <FormError id="report-settings" error={errors['']} />
        {canWrite && (
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid="rs-save">
              {t('rs.save')}
            </button>
            {done && (
              <span class="ok-line" data-testid="rs-saved">
                {t('rs.saved')} <a href={href({ screen: 'projectReport', year })}>{t('projects.reportLink')}</a>
              </span>
            )}
          </div>
        )}
      </form>
    </section>
  );
}
