import { useState } from 'preact/hooks';
import { serverErrors } from '../forms.ts';
import type { AuditEvent, ChainVerdict } from '../../../shared/responses/audit.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AUDIT_FIELDS, auditPath, type AuditQuery } from './auditPath.ts';
import { AuditTable } from './AuditTable.tsx';
import { ChainStatus } from './ChainStatus.tsx';
import { auditListSchema, chainVerdictSchema } from '../../../shared/responses/audit.ts';

/**
 * 审计日志: the append-only log with filters, and whether its hash chain holds (GET /api/audit/verify). A filter
 * the server refuses is named beside its field, and the table keeps what it showed.
 */
export function AuditScreen({ meetingId }: { meetingId: string }) {
  const { t, server, locale } = useT();
  const [query, setQuery] = useState<AuditQuery>({ meetingOnly: true, action: '', ballotId: '', afterSeq: '', limit: '200' });
  const [path, setPath] = useState(() => auditPath(meetingId, query));
  const events = useResource(path, auditListSchema);
  const verdict = useResource('/api/audit/verify', chainVerdictSchema);
  const errors = events.error ? serverErrors(events.error, AUDIT_FIELDS, locale) : {};
  return (
    <div class="stack" data-testid="audit-screen">
      <section class="card">
        <header class="card-head">
          <h2>{t('audit.title')}</h2>
          <ChainStatus verdict={verdict.data} loading={verdict.loading} onVerify={verdict.reload} />
        </header>
        <AuditFilters
          value={query}
          errors={errors}
          onChange={setQuery}
          onApply={() => {
            setPath(auditPath(meetingId, query));
            events.reload();
            verdict.reload();
          }}
        />
      </section>
      <AuditTable events={events.data?.events ?? null} />
    </div>
  );
}
