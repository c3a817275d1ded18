import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { FormError } from '../Field.tsx';
import { useT } from '../useT.ts';
import { staffProjectReplySchema, type StaffProject } from '../../../shared/responses/projects.ts';

/** 撤回: a report withdrawn with its reason (audited); it then counts for nothing, here and on the public page. */
export function WithdrawReport({ projectId, reportId, onChange }: { projectId: string; reportId: string; onChange: (p: StaffProject) => void }) {
  const { t, server } = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (!open) {
    return (
      <button type="button" class="btn btn-quiet btn-small no-print" data-testid={`report-withdraw-${reportId}`} onClick={() => setOpen(true)}>
        {t('projects.report.withdraw')}
      </button>
    );
  }
  return (
    <span class="withdraw-line no-print">
      <input aria-label={t('projects.report.withdrawReason')} placeholder={t('projects.report.withdrawReason')} value={reason} data-testid="withdraw-reason" onInput={(e) => setReason(e.currentTarget.value)} />
      <button
        type="button"
        class="btn btn-secondary btn-small"
        data-testid="withdraw-confirm"
        onClick={async () => {
          const r = await post(`/api/projects/${encodeURIComponent(projectId)}/reports/${encodeURIComponent(reportId)}/withdraw`, { reason }, staffProjectReplySchema);
          if (r.ok) onChange(r.body.project);
          else setError(server(r.error));
        }}
      >
        {t('projects.report.withdraw')}
      </button>
      <FormError id="withdraw" error={error} />
    </span>
  );
}
