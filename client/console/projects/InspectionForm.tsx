import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { FormError } from '../Field.tsx';
import { useT } from '../useT.ts';
import type { SupervisionAnswer } from './supervision-types.ts';

/** 录入视察记录: date, 视察/督查, the deputies taking part (ticked from the roster), findings. */
export function InspectionForm(props: { projectId: string; today: string; roster: { id: string; name: string }[]; onSaved: (a: SupervisionAnswer) => void }) {
  const { t, server } = useT();
  const [date, setDate] = useState(props.today);
  const [kind, setKind] = useState<'inspection' | 'supervision'>('inspection');
  const [picked, setPicked] = useState<string[]>([]);
  const [findings, setFindings] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      class="stack sv-form no-print"
      data-testid="inspection-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await post<SupervisionAnswer>(`/api/projects/${encodeURIComponent(props.projectId)}/inspections`, { date, kind, deputyIds: picked, findings });
        if (!r.ok) return setError(server(r.error));
        setError(undefined);
        setFindings('');
        setPicked([]);
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
      <button type="submit" class="btn btn-primary" data-testid="inspection-save">
        {t('sv.save')}
      </button>
      <FormError id="inspection" error={error} />
    </form>
  );
}
