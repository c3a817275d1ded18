import { useState } from 'preact/hooks';
import { projectorShowSchema } from '../../../shared/responses/projector.ts';
import type { DisplayShow } from '../../../shared/ws.ts';
import { post } from '../api.ts';
import { useResource } from '../useResource.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';

/**
 * 投影切换 (issue 13): between ballots, show the attendance board or the latest result in the hall
 * (POST …/projector/show, sent to every projector, audited). Refused while a ballot is open (it shows the ballot).
 */
export function ProjectorSwitch({ meetingId }: { meetingId: string }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const path = `/api/meetings/${encodeURIComponent(meetingId)}/projector/show`;
  const current = useResource(path, projectorShowSchema);
  const [error, setError] = useState<string | null>(null);
  const show = current.data?.show ?? 'latest';
  const choose = async (next: DisplayShow) => {
    setError(null);
    const res = await post(path, { show: next });
    if (!res.ok) setError(server(res.error));
    current.reload();
  };
  return (
    <section class="card" data-testid="projector-switch" data-show={show}>
      <h2>{t('switch.title')}</h2>
      <p class="muted">{t('switch.hint')}</p>
      <div class="actions">
        <button type="button" class={`btn ${show === 'attendance' ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={show === 'attendance'} disabled={!canWrite} data-testid="projector-show-attendance" onClick={() => void choose('attendance')}>
          {t('switch.attendance')}
        </button>
        <button type="button" class={`btn ${show === 'latest' ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={show === 'latest'} disabled={!canWrite} data-testid="projector-show-latest" onClick={() => void choose('latest')}>
          {t('switch.latest')}
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert" data-testid="projector-switch-error">
          {error}
        </p>
      )}
    </section>
  );
}
