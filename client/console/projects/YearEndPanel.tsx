import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { FormError } from '../Field.tsx';
import { href } from '../route.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import { carriedOverSchema, staffProjectReplySchema, type StaffProject as Project, type StaffReport } from '../../../shared/responses/projects.ts';

/** The project's plausibility flags (staff): each asks for a look; none blocks. */
export function ProjectFlags({ project: p }: { project: Project }) {
  if (!p.flags.length) return null;
  return (
    <p data-testid="project-flags">
      {p.flags.map((f) => (
        <span key={f.code + f.text} class="pill pill-bad" data-flag={f.code}>
          ⚑ {f.text}
        </span>
      ))}
    </p>
  );
}

/** A report's review mark (待审核 / 已退回 with why) and its flags, beside the report in the list. */
export function ReviewMark({ report: r }: { report: StaffReport }) {
  const { t } = useT();
  return (
    <>
      {r.review.status === 'pending' && (
        <span class="pill pill-progress" data-testid="report-pending">
          {t('projects.review.pending')}
        </span>
      )}
      {r.review.status === 'returned' && <span class="pill pill-bad">{t('projects.review.returned', { reason: r.review.reason ?? '' })}</span>}
      {r.flags.map((f) => (
        <span key={f.code} class="pill pill-bad" data-flag={f.code}>
          ⚑ {f.text}
        </span>
      ))}
    </>
  );
}

/** 结转续建: the link either way, and for the secretariat the carry-over (with its reason) or its undo. */
export function CarryOverPanel({ project: p, onChange }: { project: Project; onChange: (p: Project) => void }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const base = `/api/projects/${encodeURIComponent(p.id)}/carry-over`;
  const send = async (undo: boolean) => {
    const r = undo ? await post(`${base}/undo`, { reason }, staffProjectReplySchema) : await post(base, { reason }, carriedOverSchema);
    if (r.ok) onChange(r.body.project);
    else setError(server(r.error));
  };
  const open = !p.completed && !p.carriedOver;
  if (!p.carriedOver && !p.carriedFrom && !(canWrite && open)) return null;
  return (
    <section class="card" data-testid="carry-over">
      <h2>{t('projects.carry.title')}</h2>
      {p.carriedFrom && (
        <p>
          <a href={href({ screen: 'project', projectId: p.carriedFrom.projectId })} data-testid="carried-from">
            {t('projects.carry.from', { year: p.carriedFrom.year })}
          </a>
        </p>
      )}
      {p.carriedOver && (
        <p>
          <a href={href({ screen: 'project', projectId: p.carriedOver.projectId })} data-testid="carried-to">
            {t('projects.carry.to', { on: p.carriedOver.on, year: p.carriedOver.year })}
          </a>
          {p.carriedOver.reason && <span class="muted small"> {p.carriedOver.reason}</span>}
        </p>
      )}
      {canWrite && (open || p.carriedOver) && (
        <div class="withdraw-line no-print">
          <input aria-label={t('projects.carry.reason')} placeholder={t('projects.carry.reason')} value={reason} data-testid="carry-reason" onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="button" class="btn btn-secondary btn-small" data-testid={p.carriedOver ? 'carry-undo' : 'carry-submit'} onClick={() => send(p.carriedOver !== null)}>
            {p.carriedOver ? t('projects.carry.undo') : t('projects.carry.submit')}
          </button>
          <FormError id="carry-over" error={error} />
        </div>
      )}
    </section>
  );
}
