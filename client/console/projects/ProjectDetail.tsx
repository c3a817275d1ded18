import { EvaluationCell } from './EvaluationCell.tsx';
import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { useCanWrite, useSession } from '../useSession.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { CompletionPanel } from './CompletionPanel.tsx';
import { MoneyChart } from './MoneyChart.tsx';
import { LagReason, outputsText, StatusBadge, wan } from './parts.tsx';
import { ReportForm } from './ReportForm.tsx';
import { SupervisionPanel } from './SupervisionPanel.tsx';
import { WithdrawReport } from './WithdrawReport.tsx';
import { CarryOverPanel, ProjectFlags, ReviewMark } from './YearEndPanel.tsx';
import type { StaffProject } from '../../../shared/responses/projects.ts';
import { staffProjectReplySchema } from '../../../shared/responses/projects.ts';
import { TableHead } from '../TableHead.tsx';
import { BackLink } from '../PageLinks.tsx';

/** One project, plan against actual: nodes reached or overdue, money, the reports with photos, and the form. */
export function ProjectDetail({ projectId }: { projectId: string }) {
  const { t, server } = useT();
  const res = useResource(`/api/projects/${encodeURIComponent(projectId)}`, staffProjectReplySchema);
  const [fresh, setFresh] = useState<StaffProject | null>(null);
  const p = fresh ?? res.data?.project ?? null;
  if (res.error && !p) return <p class="form-error">{server(res.error)}</p>;
  if (!p) return <p class="muted">{t('loading')}</p>;
  return <Detail key={p.id} project={p} onChange={setFresh} />;
}

function Detail({ project: p, onChange }: { project: StaffProject; onChange: (p: StaffProject) => void }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const account = useSession().account;
  const role = account?.role;
  const mayReport = role === 'admin' || role === 'operator' || role === 'unit';
  // A unit withdraws or corrects only what its own unit filed; the secretariat any report (server/projects/corrections.ts).
  const mayAmend = (r: StaffProject['reports'][number]) => role === 'admin' || role === 'operator' || (role === 'unit' && r.unit !== null && r.unit === account?.unitName);
  const sep = t('projects.sep');
  const posLabel = (pos: number) => p.milestones.find((m) => m.position === pos)?.period ?? `#${pos + 1}`;

  return (
    <div class="stack" data-testid="project-detail" data-project-id={p.id} data-status={p.status}>
      <BackLink class="no-print" to={{ screen: 'projects', year: p.year }} label={t('projects.back', { year: p.year })} testId="project-back" />
      <section class="card">
        <div class="card-head">
          <h1 data-testid="project-name">
            <span class="seq" data-testid="project-number">
              {p.number}
            </span>{' '}
            {p.name}
          </h1>
          <StatusBadge status={p.status} t={t} />
        </div>
        <LagReason lag={p.lag} milestones={p.milestones} t={t} />
        <ProjectFlags project={p} />
        <dl class="facts">
          <dt>{t('projects.category')}</dt>
          <dd>{p.category ?? '—'}</dd>
          <dt>{t('projects.leadUnit')}</dt>
          <dd>{[...p.units.lead, ...p.units.cooperate, ...p.units.implement].join('、') || '—'}</dd>
          <dt>{t('projects.col.budget')}</dt>
          <dd>{wan(p.money.budgetWan)}</dd>
          <dt>{t('projects.col.planned')}</dt>
          <dd>{wan(p.money.plannedToDateWan)}</dd>
          <dt>{t('projects.col.spent')}</dt>
          <dd data-testid="detail-spent">{wan(p.money.spentToDateWan)}</dd>
          <dt>{t('projects.col.milestones')}</dt>
          <dd data-testid="detail-milestones">
            {p.progress.milestonesReached}/{p.progress.milestonesTotal}
          </dd>
          {Object.keys(p.outputs).length > 0 && (
            <>
              <dt>{t('projects.outputs')}</dt>
              <dd data-testid="detail-outputs">{outputsText(p.outputs, sep)}</dd>
            </>
          )}
          {p.evaluation && (
            <>
              <dt>{t('projects.col.evaluation')}</dt>
              <dd class="completion-eval inline-eval" data-testid="detail-evaluation" data-rating={p.evaluation.rating ?? ''}>
                <EvaluationCell evaluation={p.evaluation} />
              </dd>
            </>
          )}
        </dl>
        {p.annualTask && <p class="small">{p.annualTask}</p>}
        <CompletionPanel project={p} onChange={onChange} />
      </section>
      <CarryOverPanel project={p} onChange={onChange} />

      <section class="card">
        <h2>{t('projects.planVsActual')}</h2>
        <div class="plan-grid">
          <div class="table-scroll">
            <table class="dense" data-testid="milestones">
              <TableHead cols={['projects.ms.period', 'projects.ms.text', { key: 'projects.ms.amount', num: true }, 'projects.ms.state']} />
              <tbody>
                {p.milestones.map((m) => (
                  <tr key={m.position} class={m.overdue ? 'row-lagging' : undefined} data-testid={`milestone-${m.position}`} data-reached={String(m.reached)} data-overdue={String(m.overdue)}>
                    <td class="mono nowrap">{m.period}</td>
                    <td>{m.text}</td>
                    <td class="num">{wan(m.amountWan)}</td>
                    <td class="nowrap">
                      {m.reached ? (
                        <span class="pill pill-ok">{t('projects.ms.reached', { date: m.reachedOn ?? '' })}</span>
                      ) : m.overdue ? (
                        <span class="pill pill-bad">{t('projects.ms.overdue')}</span>
                      ) : (
                        <span class="muted">{t('projects.ms.pending')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <MoneyChart project={p} />
        </div>
      </section>

      <section class="card">
        <h2>{t('projects.reports', { n: p.reports.length })}</h2>
        {p.reports.length === 0 && <p class="muted">{t('projects.noReports')}</p>}
        <ol class="report-list" data-testid="reports" data-count={p.reports.length}>
          {[...p.reports].reverse().map((r) => (
            <li key={r.id} class="report-item" data-testid={`report-${r.id}`} data-date={r.date}>
              <div class="report-item-head">
                <strong>{r.date}</strong>
                {r.kind === 'final' && <span class="pill pill-ok">{t('projects.finalReport')}</span>}
                <span>{t('projects.report.spent', { wan: wan(r.spentWan) })}</span>
                {r.by && <span class="muted small">{t('projects.report.by', { by: r.by })}</span>}
                {r.corrected && <span class="pill pill-progress">{t('projects.report.corrected')}</span>}
                <ReviewMark report={r} />
                {mayAmend(r) && <WithdrawReport projectId={p.id} reportId={r.id} onChange={onChange} />}
              </div>
              {r.milestonesReached.length > 0 && <p class="small">{t('projects.report.reached', { list: r.milestonesReached.map(posLabel).join('、') })}</p>}
              {Object.keys(r.outputs).length > 0 && <p class="small" data-testid="report-outputs">{outputsText(r.outputs, sep)}</p>}
              {r.note && <p data-testid="report-note">{r.note}</p>}
              {r.photos.length > 0 && (
                <div class="photo-strip">
                  {r.photos.map((ph) => (
                    <a key={ph.id} href={ph.url} target="_blank" rel="noreferrer">
                      <img src={ph.url} alt={ph.filename} loading="lazy" data-testid="report-photo" />
                    </a>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      </section>

      {(p.withdrawnReports?.length ?? 0) > 0 && (
        <section class="card">
          <h2>{t('projects.withdrawnReports', { n: p.withdrawnReports!.length })}</h2>
          <ul class="report-list" data-testid="withdrawn-reports">
            {p.withdrawnReports!.map((r) => (
              <li key={r.id} class="report-item muted" data-testid={`withdrawn-${r.id}`}>
                <s>
                  {r.date} {t('projects.report.spent', { wan: wan(r.spentWan) })}
                </s>{' '}
                {t('projects.report.withdrawnBecause', { reason: r.withdrawn?.reason ?? '' })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <SupervisionPanel projectId={p.id} today={p.asOf} />

      {mayReport && !p.completed && (
        <section class="card no-print">
          <h2>{t('projects.form.title')}</h2>
          <ReportForm project={p} onFiled={onChange} />
        </section>
      )}
    </div>
  );
}
