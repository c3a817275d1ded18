import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { FormError } from '../Field.tsx';
import { useT } from '../useT.ts';
import { useClientKey } from './client-key.ts';
import { supervisionChangedSchema, type SupervisionAnswer, type StaffRectification as SvRectification } from '../../../shared/responses/supervision.ts';

/** 整改 of a project rated 不满意: status (逾期 flagged), deadline, follow-ups; the secretariat sets the deadline and closes it. */
export function RectificationCard(props: { projectId: string; task: SvRectification; today: string; asOf: string; role: string | undefined; onSaved: (a: SupervisionAnswer) => void }) {
  const { t, server } = useT();
  const { task } = props;
  const [deadline, setDeadline] = useState(task.deadline ?? '');
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  // One key per filled follow-up (整改进展): a double click or a retry files it once.
  const [reportKey, renewReportKey] = useClientKey('rr');
  const secretariat = props.role === 'operator' || props.role === 'admin';
  const send = async (path: string, body: object) => {
    const r = await post(`/api/projects/${encodeURIComponent(props.projectId)}/rectifications/${encodeURIComponent(task.id)}/${path}`, body, supervisionChangedSchema);
    if (!r.ok) return setError(server(r.error));
    if (path === 'reports') renewReportKey();
    setError(undefined);
    setText('');
    props.onSaved(r.body);
  };
  return (
    <div class={`sv-rect is-${task.status}`} data-testid="rectification" data-status={task.status}>
      <p>
        <span class={`sv-status is-${task.status}`} data-testid="rectification-status">
          {t(`sv.rect.${task.status}`)}
        </span>
        {task.deadline && (
          <span>
            {' '}
            · {t('sv.rect.deadline')} {task.deadline}
          </span>
        )}
        <span class="muted small" data-testid="rectification-as-of">
          {' '}
          · {t('sv.rect.asOf', { opened: task.openedOn, date: props.asOf })}
        </span>
      </p>
      {task.reports.length > 0 && (
        <ul class="sv-list">
          {task.reports.map((r) => (
            <li key={r.id}>
              {r.date} {r.unit ? `（${r.unit}）` : ''}
              {r.text}
            </li>
          ))}
        </ul>
      )}
      {task.closedOn && <p data-testid="rectification-closed">{t('sv.rect.closedOn', { date: task.closedOn, note: task.closingNote ?? '' })}</p>}
      {task.status !== 'closed' && (
        <div class="stack no-print">
          {secretariat && (
            <div class="sv-row">
              <label>
                {t('sv.rect.deadline')} <input type="date" value={deadline} data-testid="rect-deadline" onInput={(e) => setDeadline(e.currentTarget.value)} />
              </label>
              {task.deadline && <input placeholder={t('sv.rect.reason')} aria-label={t('sv.rect.reason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
              <button type="button" class="btn btn-secondary btn-small" data-testid="rect-set-deadline" onClick={() => send('deadline', reason ? { deadline, reason } : { deadline })}>
                {t('sv.rect.setDeadline')}
              </button>
            </div>
          )}
          <div class="sv-row">
            <textarea rows={2} aria-label={secretariat ? t('sv.rect.closeNote') : t('sv.rect.report')} placeholder={secretariat ? t('sv.rect.closeNote') : t('sv.rect.report')} value={text} data-testid="rect-text" onInput={(e) => setText(e.currentTarget.value)} />
            <button type="button" class="btn btn-secondary btn-small" data-testid="rect-report" onClick={() => send('reports', { date: props.today, text, clientKey: reportKey })}>
              {t('sv.rect.reportSend')}
            </button>
            {secretariat && (
              <button type="button" class="btn btn-primary btn-small" data-testid="rect-close" onClick={() => send('close', { date: props.today, note: text })}>
                {t('sv.rect.close')}
              </button>
            )}
          </div>
        </div>
      )}
      <FormError id={`rect-${task.id}`} error={error} />
    </div>
  );
}
