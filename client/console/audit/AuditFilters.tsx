import { Field, FormError } from '../Field.tsx';
import { useT } from '../useT.ts';
import type { AuditQuery } from './auditPath.ts';

const ACTIONS = [
  'meeting.created', 'roster.imported', 'candidates.imported', 'deputy.edited', 'device.code_issued', 'device.paired', 'device.revoked',
  'check_in.manual', 'check_in.tablet', 'ballot.created', 'ballot.opened', 'ballot.extended', 'ballot.closed', 'ballot.announced',
  'ballot.runoff_created', 'ballot.presidium_decision', 'display_token.created', 'display_token.revoked', 'account.created',
  'projects.promoted', 'projects.imported', 'project.reported', 'project.completed', 'projects.evaluated', 'demo.loaded',
];

interface Props {
  value: AuditQuery;
  errors: Record<string, string>;
  onChange: (q: AuditQuery) => void;
  onApply: () => void;
}

export function AuditFilters({ value, errors, onChange, onApply }: Props) {
  const { t } = useT();
  const set = (patch: Partial<AuditQuery>) => onChange({ ...value, ...patch });
  return (
    <form
      class="filters"
      noValidate
      data-testid="audit-filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      <Field id="audit-meeting" label={t('audit.meetingOnly')} inline>
        <input id="audit-meeting" type="checkbox" checked={value.meetingOnly} onChange={(e) => set({ meetingOnly: e.currentTarget.checked })} />
      </Field>
      <Field id="audit-action" label={t('audit.action')} error={errors.action}>
        <input id="audit-action" list="audit-actions" value={value.action} onInput={(e) => set({ action: e.currentTarget.value })} />
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </Field>
      <Field id="audit-ballot" label={t('audit.ballotId')} error={errors.ballotId}>
        <input id="audit-ballot" value={value.ballotId} onInput={(e) => set({ ballotId: e.currentTarget.value })} />
      </Field>
      <Field id="audit-after" label={t('audit.afterSeq')} error={errors.afterSeq}>
        <input id="audit-after" inputMode="numeric" value={value.afterSeq} onInput={(e) => set({ afterSeq: e.currentTarget.value })} />
      </Field>
      <Field id="audit-limit" label={t('audit.limit')} error={errors.limit}>
        <input id="audit-limit" inputMode="numeric" value={value.limit} onInput={(e) => set({ limit: e.currentTarget.value })} />
      </Field>
      <FormError id="audit" error={errors['']} />
      <button type="submit" class="btn btn-primary" data-testid="audit-apply">
        {t('audit.apply')}
      </button>
    </form>
  );
}
