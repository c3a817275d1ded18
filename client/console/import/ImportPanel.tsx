import { useState } from 'preact/hooks';
import type { CandidateInput } from '../../../shared/candidate.ts';
import type { ImportProblem } from '../../../shared/errors.ts';
import { MONEY_UNITS } from '../../../shared/import/candidate-cells.ts';
import type { MoneyUnitName } from '../../../shared/import/candidate-cells.ts';
import { CANDIDATE_COLUMNS } from '../../../shared/import/candidates-csv.ts';
import { previewGridSchema } from '../../../shared/import/grid.ts';
import type { PreviewGrid } from '../../../shared/import/grid.ts';
import { ROSTER_COLUMNS } from '../../../shared/import/roster.ts';
import type { RosterEntry } from '../../../shared/roster.ts';
import { post } from '../api.ts';
import { Field, FormError, Options } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import { ACCEPT, mediaTypeOf } from './fileType.ts';
import { ParsedPreview } from './ParsedPreview.tsx';
import { IssueList } from './IssueList.tsx';
import { SheetPreview } from './SheetPreview.tsx';
import { candidateImportReplySchema } from '../../../shared/responses/candidates.ts';
import { rosterImportReplySchema } from '../../../shared/responses/roster.ts';

export type ImportKind = 'roster' | 'candidates';

interface Choices {
  unit?: MoneyUnitName;
  duplicates?: 'skip' | 'keep';
  sheet?: string;
}

/** What is being imported: the text box, or a chosen file's bytes with its media type. */
type Source = { kind: 'text'; text: string } | { kind: 'file'; name: string; type: string; bytes: ArrayBuffer; stamp: string };

type Preview = { key: string; table: PreviewGrid | null } & (
  | { state: 'ok'; deputies?: RosterEntry[]; candidates?: CandidateInput[]; notes: ImportProblem[] }
  | { state: 'problems'; problems: ImportProblem[] }
);

interface Props {
  kind: ImportKind;
  meetingId: string;
  existing: string;
  onSaved: () => void;
}

const keyOf = (s: Source, c: Choices) => `${s.kind === 'text' ? `t:${s.text}` : `f:${s.stamp}`}|${c.unit ?? ''}|${c.duplicates ?? ''}|${c.sheet ?? ''}`;

/**
 * Choose the file itself (.xlsx, .docx, CSV/TSV in any encoding — the server reads the bytes) or paste cells, preview
 * it (?dryRun=true: every problem by row and column, merged cells filled and shown), answer what the preview asks
 * (the unit of bare amounts, duplicates, the sheet), and only a clean preview of exactly this source can be saved.
 */
export function ImportPanel({ kind, meetingId, existing, onSaved }: Props) {
  const { t, server, locale } = useT();
  const canWrite = useCanWrite();
  const [source, setSource] = useState<Source>({ kind: 'text', text: '' });
  const [choices, setChoices] = useState<Choices>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const url = `/api/meetings/${encodeURIComponent(meetingId)}/${kind === 'roster' ? 'deputies' : 'candidates'}/import`;
  const id = `import-${kind}`;
  const specs = kind === 'roster' ? ROSTER_COLUMNS : CANDIDATE_COLUMNS;

  const send = async (dryRun: boolean, c: Choices = choices) => {
    setSaved(null);
    if (source.kind === 'text' && !source.text.trim()) {
      setErrors({ csv: t('import.empty') });
      setPreview(null);
      return;
    }
    setErrors({});
    setBusy(true);
    const q = new URLSearchParams();
    if (dryRun) q.set('dryRun', 'true');
    if (c.unit) q.set('unit', c.unit);
    if (c.duplicates) q.set('duplicates', c.duplicates);
    if (c.sheet) q.set('sheet', c.sheet);
    const body = source.kind === 'text' ? { csv: source.text } : { raw: source.bytes, type: source.type };
    const target = `${url}${q.size ? `?${q}` : ''}`;
    const res = await (kind === 'roster' ? post(target, body, rosterImportReplySchema) : post(target, body, candidateImportReplySchema));
    setBusy(false);
    const key = keyOf(source, c);
    if (res.ok) {
      const answer = res.body;
      if ('dryRun' in answer) {
        setPreview({
          key,
          state: 'ok',
          table: answer.table ?? null,
          notes: 'notes' in answer ? answer.notes : [],
          ...('deputies' in answer ? { deputies: answer.deputies } : { candidates: answer.candidates }),
        });
      } else {
        setSaved(t(kind === 'roster' ? 'import.savedRoster' : 'import.savedCandidates', { n: answer.imported }));
        setPreview(null);
        setSource({ kind: 'text', text: '' });
        setChoices({});
        onSaved();
      }
      return;
    }
    if (res.error.code === 'import_problems') {
      const table = previewGridSchema.safeParse(res.error.table);
      setPreview({ key, state: 'problems', table: table.success ? table.data : null, problems: res.error.problems });
      return;
    }
    setPreview(null);
    setErrors(serverErrors(res.error, ['csv'], locale));
  };

  const choose = (c: Choices) => {
    const next = { ...choices, ...c };
    setChoices(next);
    void send(true, next);
  };

  const current = preview !== null && preview.key === keyOf(source, choices);
  const canSave = canWrite && current && preview.state === 'ok' && !busy;
  const problems = preview?.state === 'problems' ? preview.problems : [];
  const asksUnit = problems.some((p) => p.choice === 'unit') || choices.unit !== undefined;
  const asksDup = problems.some((p) => p.choice === 'duplicate') || choices.duplicates !== undefined;
  const sheets = preview?.table?.sheets ?? [];
  const base = `/api/import-templates/${kind}`;

  return (
    <section class="card" data-testid={`${id}-panel`}>
      <header class="card-head">
        <h2>{t(kind === 'roster' ? 'import.rosterTitle' : 'import.candidatesTitle')}</h2>
        <span class="muted" data-testid={`${id}-existing`}>
          {existing}
        </span>
      </header>
      <p class="muted">{t(kind === 'roster' ? 'import.rosterHint' : 'import.candidatesHint')}</p>
      <p class="columns-line" data-testid={`${id}-columns`}>
        {t('import.columns')}{' '}
        {specs.map((s, i) => (
          <span key={s.key}>
            {i > 0 && '、'}
            {s.required ? <strong>{s.header}</strong> : s.header}
          </span>
        ))}
        <span class="templates">
          {' '}
          {t('import.templates')}{' '}
          <a href={`${base}/xlsx`} download data-testid={`${id}-template-xlsx`}>
            .xlsx
          </a>{' '}
          <a href={`${base}/csv`} download data-testid={`${id}-template-csv`}>
            .csv
          </a>
        </span>
      </p>
      {source.kind === 'file' ? (
        <p class="chosen-file" data-testid={`${id}-chosen`}>
          {t('import.chosenFile', { name: source.name })}{' '}
          <button type="button" class="linklike" onClick={() => setSource({ kind: 'text', text: '' })} data-testid={`${id}-clear-file`}>
            {t('import.clearFile')}
          </button>
        </p>
      ) : (
        <Field id={`${id}-csv`} label={t('import.csv')} error={errors.csv}>
          <textarea
            id={`${id}-csv`}
            rows={6}
            spellcheck={false}
            value={source.text}
            data-testid={`${id}-text`}
            onInput={(e) => {
              setSource({ kind: 'text', text: e.currentTarget.value });
              setSaved(null);
            }}
          />
        </Field>
      )}
      <div class="actions">
        <label class="btn btn-secondary file-button">
          {t('import.chooseFile')}
          <input
            type="file"
            accept={ACCEPT}
            data-testid={`${id}-file`}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (!file) return;
              const media = mediaTypeOf(file.name);
              if ('unsupported' in media) {
                setErrors({ '': t('import.unsupported', { ext: media.unsupported }) });
                return;
              }
              void file.arrayBuffer().then((bytes) => {
                const next: Source = { kind: 'file', name: file.name, type: media.type, bytes, stamp: `${file.name}|${file.size}|${file.lastModified}|${Date.now()}` };
                setSource(next);
                setChoices({});
                setErrors({});
                setSaved(null);
              });
            }}
          />
        </label>
        <button type="button" class="btn btn-secondary" disabled={busy} data-testid={`${id}-preview`} onClick={() => void send(true)}>
          {t('import.preview')}
        </button>
        <button type="button" class="btn btn-primary" disabled={!canSave} data-testid={`${id}-save`} onClick={() => void send(false)}>
          {t('import.save')}
        </button>
        {preview && !current && <span class="muted">{t('import.stale')}</span>}
      </div>
      {preview && (sheets.length > 1 || asksUnit || asksDup) && (
        <div class="choices actions" data-testid={`${id}-choices`}>
          {sheets.length > 1 && (
            <label class="inline-label">
              {t('import.sheet')}
              <select value={preview.table?.sheet ?? ''} data-testid={`${id}-sheet-select`} onChange={(e) => choose({ sheet: e.currentTarget.value })}>
                <Options values={sheets} />
              </select>
            </label>
          )}
          {asksUnit && (
            <span class="choice-group" role="group" aria-label={t('import.unitChoice')}>
              {t('import.unitChoice')}
              {MONEY_UNITS.map((u) => (
                <button key={u} type="button" class={`btn btn-small ${choices.unit === u ? 'btn-primary' : 'btn-secondary'}`} data-testid={`${id}-unit-${u}`} onClick={() => choose({ unit: u })}>
                  {u}
                </button>
              ))}
            </span>
          )}
          {asksDup && (
            <span class="choice-group" role="group" aria-label={t('import.dupChoice')}>
              {t('import.dupChoice')}
              <button type="button" class={`btn btn-small ${choices.duplicates === 'skip' ? 'btn-primary' : 'btn-secondary'}`} data-testid={`${id}-dup-skip`} onClick={() => choose({ duplicates: 'skip' })}>
                {t('import.dupSkip')}
              </button>
              <button type="button" class={`btn btn-small ${choices.duplicates === 'keep' ? 'btn-primary' : 'btn-secondary'}`} data-testid={`${id}-dup-keep`} onClick={() => choose({ duplicates: 'keep' })}>
                {t('import.dupKeep')}
              </button>
            </span>
          )}
        </div>
      )}
      <FormError id={id} error={errors['']} />
      {saved && (
        <p class="ok-line" role="status" data-testid={`${id}-saved`}>
          {saved}
        </p>
      )}
      {preview && (
        <div class={current ? undefined : 'stale'} data-testid={`${id}-result`} data-current={String(current)} data-state={preview.state}>
          {preview.state === 'ok' && <ParsedPreview id={id} deputies={preview.deputies} candidates={preview.candidates} />}
          {preview.table && (preview.state === 'problems' || preview.table.filled.length > 0 || preview.notes.length > 0 || preview.table.format !== 'csv') && (
            <>
              <p class="muted" data-testid={`${id}-format`}>
                {t('import.format', { format: [preview.table.format.toUpperCase(), preview.table.encoding?.toUpperCase(), preview.table.sheet].filter(Boolean).join(' · ') })}
              </p>
              <SheetPreview id={id} table={preview.table} specs={specs} problems={problems} notes={preview.state === 'ok' ? preview.notes : []} />
            </>
          )}
          {preview.state === 'problems' && !preview.table && <IssueList items={problems} itemTestId={`${id}-problem`} testId={`${id}-problems-view`} />}
        </div>
      )}
    </section>
  );
}
