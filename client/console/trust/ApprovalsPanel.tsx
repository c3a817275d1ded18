import { useEffect, useState } from 'preact/hooks';
import { approvalDoneSchema, approvalListSchema, approvalRefusedSchema, type Approval } from '../../../shared/responses/trust.ts';
import { post } from '../api.ts';
import type { ConsoleKey } from '../useT.ts';
import { useResource } from '../useResource.ts';
import { useSession } from '../useSession.ts';
import { useT } from '../useT.ts';

const time = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false });

/**
 * 待监票人确认: the operator's re-pairings and manual check-ins made after voting began (DESIGN §7). Everyone in
 * the secretariat sees them; only a scrutineer approves (then it is carried out: a new code is shown here once,
 * to be handed over in person) or refuses. `version` changes when this screen made a request, to reload.
 */
export function ApprovalsPanel({ meetingId, version, onDecided }: { meetingId: string; version: number; onDecided?: () => void }) {
  const { t, server } = useT();
  const scrutineer = useSession().account?.role === 'scrutineer';
  const pending = useResource(`/api/meetings/${encodeURIComponent(meetingId)}/approvals?status=pending`, approvalListSchema);
  const { reload } = pending;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const [message, setMessage] = useState<string | null>(null);
  const decide = async (a: Approval, decision: 'approve' | 'refuse') => {
    const path = `/api/approvals/${encodeURIComponent(a.id)}`;
    const res = decision === 'approve' ? await post(`${path}/approve`, {}, approvalDoneSchema) : await post(`${path}/refuse`, {}, approvalRefusedSchema);
    if (!res.ok) setMessage(server(res.error));
    else {
      const code = 'code' in res.body && typeof res.body.code === 'string' ? res.body.code : null;
      setMessage(code ? t('approvals.code', { name: a.deputyName, code }) : null);
    }
    reload();
    onDecided?.();
  };
  const rows = pending.data?.approvals ?? [];
  return (
    <section class="card no-print" data-testid="approvals-panel">
      <h2>
        {t('approvals.title')} {rows.length > 0 && <span class="pill">{rows.length}</span>}
      </h2>
      <p class="muted">{t('approvals.hint')}</p>
      {message && (
        <p class="notice" role="status" data-testid="approvals-message">
          {message}
        </p>
      )}
      {rows.length === 0 ? (
        <p class="muted">{t('approvals.none')}</p>
      ) : (
        <ul class="plain-list">
          {rows.map((a) => (
            <li key={a.id} data-testid={`approval-${a.id}`} class="actions">
              <strong>{t(`approvals.kind.${a.kind}` as ConsoleKey)}</strong> {a.deputyName}
              <span class="muted">{t('approvals.requested', { who: a.requestedBy, when: time(a.requestedAt) })}</span>
              {scrutineer && (
                <>
                  <button type="button" class="btn btn-primary" data-testid={`approval-approve-${a.id}`} onClick={() => void decide(a, 'approve')}>
                    {t('approvals.approve')}
                  </button>
                  <button type="button" class="btn btn-secondary" data-testid={`approval-refuse-${a.id}`} onClick={() => void decide(a, 'refuse')}>
                    {t('approvals.refuse')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
