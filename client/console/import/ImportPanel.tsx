import { useState } from 'preact/hooks';
import type { CandidateInput } from '../../../shared/candidate.ts';
import type { ImportProblem } from '../../../shared/errors.ts';
import type { RosterEntry } from '../../../shared/roster.ts';
import { post } from '../api.ts';
import { Field, FormError } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import { CsvProblems } from './CsvProblems.tsx';
import { ParsedPreview } from './ParsedPreview.tsx';
import { readTextFile } from './readTextFile.ts';

export type ImportKind = 'roster' | 'candidates';

type Preview =
  | { state: 'ok'; text: string; deputies?: RosterEntry[]; candidates?: CandidateInput[] }
  | { state: 'problems'; text: string; problems: ImportProblem[] };

interface Props {
  kind: ImportKind;
  meetingId: string;
  existing: string;
  onSaved: () => void;
}

/**
 * Paste or choose a CSV, preview it (the server parses it with ?dryRun=true and names every problem by row and
 * column), and only a clean preview of exactly this text can be saved.
 */
export function ImportPanel({ kind, meetingId, existing, onSaved }: Props) {
  const { t, server, locale } = useT();
  const canWrite = useCanWrite();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const url = `/api/meetings/${encodeURIComponent(meetingId)}/${kind === 'roster' ? 'deputies' : 'candidates'}/import`;
  const id = `import-${kind}`;

  const send = async (dryRun: boolean) => {
    setSaved(null);
    if (!text.trim()) {
      setErrors({ csv: t('import.empty') });
      setPreview(null);
      return;
    }
    setErrors({});
    setBusy(true);
    const res = await post<{ dryRun?: true; deputies?: RosterEntry[]; candidates?: CandidateInput[]; imported?: number }>(`${url}${dryRun ? '?dryRun=true' : ''}`, { csv: text });
    setBusy(false);
    if (res.ok) {
      if (dryRun) setPreview({ state: 'ok', text, ...(res.body.deputies ? { deputies: res.body.deputies } : {}), ...(res.body.candidates ? { candidates: res.body.candidates } : {}) });
      else {
        setSaved(t(kind === 'roster' ? 'import.savedRoster' : 'import.savedCandidates', { n: res.body.imported ?? 0 }));
        setPreview(null);
        setText('');
        onSaved();
      }
      return;
    }
    if (res.error.code === 'import_problems') {
      setPreview({ state: 'problems', text, problems: res.error.problems });
      return;
    }
    setPreview(null);
    setErrors(serverErrors(res.error, ['csv'], locale));
  };

  const current = preview !== null && preview.text === text;
  const canSave = canWrite && current && preview.state === 'ok' && !busy;

  return (
    <section class="card" data-testid={`${id}-panel`}>
      <header class="card-head">
        <h2>{t(kind === 'roster' ? 'import.rosterTitle' : 'import.candidatesTitle')}</h2>
        <span class="muted" data-testid={`${id}-existing`}>
          {existing}
        </span>
      </header>
      <p class="muted">{t(kind === 'roster' ? 'import.rosterHint' : 'import.candidatesHint')}</p>
      <Field id={`${id}-csv`} label={t('import.csv')} error={errors.csv}>
        <textarea
          id={`${id}-csv`}
          rows={6}
          spellcheck={false}
          value={text}
          data-testid={`${id}-text`}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setSaved(null);
          }}
        />
      </Field>
      <div class="actions">
        <label class="btn btn-secondary file-button">
          {t('import.chooseFile')}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid={`${id}-file`}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void readTextFile(file).then((s) => setText(s));
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
      <FormError id={id} error={errors['']} />
      {saved && (
        <p class="ok-line" role="status" data-testid={`${id}-saved`}>
          {saved}
        </p>
      )}
      {preview && (
        <div class={current ? undefined : 'stale'} data-testid={`${id}-result`} data-current={String(current)} data-state={preview.state}>
          {preview.state === 'problems' ? (
            <CsvProblems id={id} text={preview.text} problems={preview.problems} />
          ) : (
            <ParsedPreview id={id} deputies={preview.deputies} candidates={preview.candidates} />
          )}
        </div>
      )}
    </section>
  );
}
