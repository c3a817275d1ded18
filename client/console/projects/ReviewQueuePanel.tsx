import { useState } from 'preact/hooks';
import { reviewQueueSchema, type ReviewItem } from '../../../shared/responses/projects.ts';
import { post } from '../api.ts';
import { FormError } from '../Field.tsx';
import { href } from '../route.ts';
import { useCanWrite } from '../useSession.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { wan } from './parts.tsx';

type QueueItem = ReviewItem;

/** 待审核: unit reports waiting for the secretariat (approve, or send back with a reason), flags shown, oldest first. */
export function ReviewQueuePanel({ year }: { year: number | null }) {
  const { t } = useT();
  const queue = useResource(`/api/projects/review-queue${year === null ? '' : `?year=${year}`}`, reviewQueueSchema);
  const items = queue.data?.items ?? [];
  return (
    <section class="card" data-testid="review-queue" data-count={items.length}>
      <h2>{t('projects.review.title', { n: items.length })}</h2>
      {items.length === 0 && <p class="muted">{t('projects.review.empty')}</p>}
      <ul class="report-list">
        {items.map((i) => (
          <QueueRow key={i.report.id} item={i} onDone={queue.reload} />
        ))}
      </ul>
    </section>
  );
}

function QueueRow({ item: i, onDone }: { item: QueueItem; onDone: () => void }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const base = `/api/projects/${encodeURIComponent(i.project.id)}/reports/${encodeURIComponent(i.report.id)}`;
  const decide = async (what: 'approve' | 'return') => {
    const r = await post(`${base}/${what}`, what === 'return' ? { reason } : {});
    if (r.ok) onDone();
    else setError(server(r.error));
  };
  const flags = [...i.flags, ...i.projectFlags.filter((f) => !i.flags.some((g) => g.code === f.code))];
  return (
    <li class="report-item" data-testid={`review-${i.report.id}`}>
      <div class="report-item-head">
        <a href={href({ screen: 'project', projectId: i.project.id })}>
          <span class="seq">{i.project.number}</span> {i.project.name}
        </a>
        <strong>{i.report.date}</strong>
        <span>{t('projects.report.spent', { wan: wan(i.report.spentWan) })}</span>
        <span class="muted small">{t('projects.report.by', { by: i.report.by })}</span>
        {i.report.corrected && <span class="pill pill-progress">{t('projects.report.corrected')}</span>}
      </div>
      {i.report.note && <p>{i.report.note}</p>}
      {flags.length > 0 && (
        <p data-testid="review-flags">
          {flags.map((f) => (
            <span key={f.code} class="pill pill-bad" data-flag={f.code}>
              ⚑ {f.text}
            </span>
          ))}
        </p>
      )}
      {canWrite && (
        <div class="withdraw-line no-print">
          <button type="button" class="btn btn-primary btn-small" data-testid="review-approve" onClick={() => decide('approve')}>
            {t('projects.review.approve')}
          </button>
          <input aria-label={t('projects.review.reason')} placeholder={t('projects.review.reason')} value={reason} data-testid="review-reason" onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="button" class="btn btn-secondary btn-small" data-testid="review-return" onClick={() => decide('return')}>
            {t('projects.review.return')}
          </button>
          <FormError id={`review-${i.report.id}`} error={error} />
        </div>
      )}
    </li>
  );
}
