import { useState } from 'preact/hooks';
import { candidateEditedSchema } from '../../../shared/responses/candidates.ts';
import { api } from '../api.ts';
import { Field, FormFoot } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useT } from '../useT.ts';
import type { CandidateRow } from './CandidatesScreen.tsx';

const FIELDS = ['name', 'category', 'budgetWan', 'summary', 'units'] as const;
const splitUnits = (text: string) => text.split(/[、,，;；\n]/).map((s) => s.trim()).filter(Boolean);

/**
 * One candidate's edit (PATCH /api/candidates/:id): name, category, budget (万元), summary and the three unit
 * lists. The server refuses it once an opened ballot lists the candidate (candidate_in_use), said in place.
 */
export function CandidateForm({ candidate, onDone, onCancel }: { candidate: CandidateRow; onDone: (changed: number) => void; onCancel: () => void }) {
  const { t, locale } = useT();
  const [name, setName] = useState(candidate.name);
  const [category, setCategory] = useState(candidate.category ?? '');
  const [budget, setBudget] = useState(candidate.budgetWan === null ? '' : String(candidate.budgetWan));
  const [summary, setSummary] = useState(candidate.summary);
  const [lead, setLead] = useState(candidate.units.lead.join('、'));
  const [cooperate, setCooperate] = useState(candidate.units.cooperate.join('、'));
  const [implement, setImplement] = useState(candidate.units.implement.join('、'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const id = `cand-${candidate.id}`;

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const budgetWan = budget.trim() === '' ? null : Number(budget.trim());
    const body = {
      name,
      category: category.trim() === '' ? null : category,
      budgetWan: Number.isFinite(budgetWan) ? budgetWan : budget,
      summary,
      units: { lead: splitUnits(lead), cooperate: splitUnits(cooperate), implement: splitUnits(implement) },
    };
    const res = await api('PATCH', `/api/candidates/${encodeURIComponent(candidate.id)}`, body, candidateEditedSchema);
    setBusy(false);
    if (res.ok) onDone(res.body.changed);
    else setErrors(serverErrors(res.error, FIELDS, locale));
  };

  return (
    <form class="form-grid candidate-form" onSubmit={save} data-testid="candidate-form">
      <Field id={`${id}-name`} label={t('candidates.name')} error={errors.name}>
        <input id={`${id}-name`} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id={`${id}-category`} label={t('candidates.category')} error={errors.category}>
        <input id={`${id}-category`} value={category} onInput={(e) => setCategory(e.currentTarget.value)} />
      </Field>
      <Field id={`${id}-budget`} label={t('candidates.budget')} error={errors.budgetWan}>
        <input id={`${id}-budget`} inputMode="decimal" value={budget} onInput={(e) => setBudget(e.currentTarget.value)} />
      </Field>
      <Field id={`${id}-lead`} label={t('candidates.lead')} hint={t('candidates.unitsHint')} error={errors.units}>
        <input id={`${id}-lead`} value={lead} onInput={(e) => setLead(e.currentTarget.value)} />
      </Field>
      <Field id={`${id}-cooperate`} label={t('candidates.cooperate')} hint={t('candidates.unitsHint')}>
        <input id={`${id}-cooperate`} value={cooperate} onInput={(e) => setCooperate(e.currentTarget.value)} />
      </Field>
      <Field id={`${id}-implement`} label={t('candidates.implement')} hint={t('candidates.unitsHint')}>
        <input id={`${id}-implement`} value={implement} onInput={(e) => setImplement(e.currentTarget.value)} />
      </Field>
      <Field id={`${id}-summary`} label={t('candidates.summary')} error={errors.summary}>
        <textarea id={`${id}-summary`} rows={3} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
      </Field>
      <FormFoot id="candidate-form" error={errors['']} label={t('candidates.save')} testId="candidate-save" busy={busy} onCancel={onCancel} />
    </form>
  );
}
