import { EvaluationTd } from './EvaluationCell.tsx';
import { DownloadButton } from '../DownloadButton.tsx';
import { go, href } from '../route.ts';
import { useCanWrite, useSession } from '../useSession.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { LagReason, StatusBadge, wan } from './parts.tsx';
import type { StaffProject } from '../../../shared/responses/projects.ts';
import { staffProjectListSchema } from '../../../shared/responses/projects.ts';
import { TableHead } from '../TableHead.tsx';
import { Options } from '../Field.tsx';

const thisYear = () => new Date().getFullYear();

/** The years to offer, newest first: those with projects and the one asked for (none at all: this year). */
export function yearsOffered(all: readonly { year: number }[] | undefined, asked: number | null): number[] {
  const years = new Set<number>((all ?? []).map((p) => p.year));
  if (asked !== null) years.add(asked);
  if (years.size === 0) years.add(thisYear());
  return [...years].sort((a, b) => b - a);
}

/** 民生实事项目 of one year: status, 滞后 and why, milestones, money, the latest report. A unit sees its own. */
export function ProjectsScreen({ year: asked }: { year: number | null }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const isUnit = useSession().account?.role === 'unit';
  const all = useResource('/api/projects', staffProjectListSchema);
  const years = yearsOffered(all.data?.projects, asked);
  const year = asked ?? (all.data ? years[0]! : null);
  const list = useResource(year === null ? null : `/api/projects?year=${year}`, staffProjectListSchema);
  const projects = list.data?.projects ?? [];
  const lagging = projects.filter((p) => p.status === 'lagging').length;
  const failure = list.error ?? all.error;

  return (
    <section class="card" data-testid="projects-screen" data-year={year ?? ''}>
      <div class="card-head">
        <h1>{isUnit ? t('projects.titleUnit') : t('projects.title')}</h1>
        <div class="actions no-print">
          <label class="inline-label" for="projects-year">
            {t('projects.year')}
          </label>
          <select id="projects-year" data-testid="projects-year" value={year ?? ''} onChange={(e) => go({ screen: 'projects', year: Number(e.currentTarget.value) })}>
            <Options values={years} />
          </select>
          {!isUnit && year !== null && (
            <a class="btn btn-secondary" href={href({ screen: 'projectReport', year })} data-testid="projects-report-link">
              {t('projects.reportLink')}
            </a>
          )}
          {year !== null && <DownloadButton url={`/api/projects/list.xlsx?year=${year}`} fallback={`projects-${year}.xlsx`} label={t('projects.exportXlsx')} testId="projects-xlsx" />}
          {canWrite && (
            <a class="btn btn-secondary" href={href({ screen: 'projectImport' })} data-testid="projects-import-link">
              {t('projects.importLink')}
            </a>
          )}
        </div>
      </div>
      {failure && <p class="form-error">{server(failure)}</p>}
      {list.data && (
        <p class="muted" data-testid="projects-summary" data-count={projects.length} data-lagging={lagging}>
          {t('projects.summary', { n: projects.length, lagging })}
        </p>
      )}
      {list.data && projects.length === 0 && <p class="muted">{t('projects.none')}</p>}
      {projects.length > 0 && (
        <div class="table-scroll">
          <table class="dense projects-table" data-testid="projects-table">
            <TableHead
              cols={[
                'projects.col.seq',
                'projects.col.name',
                'projects.col.status',
                { key: 'projects.col.milestones', num: true },
                { key: 'projects.col.spent', num: true },
                { key: 'projects.col.planned', num: true },
                { key: 'projects.col.budget', num: true },
                'projects.col.lastReport',
                'projects.col.evaluation',
              ]}
            />
            <tbody>
              {projects.map((p) => (
                <tr key={p.id} class={p.status === 'lagging' ? 'row-lagging' : undefined} data-testid={`project-row-${p.id}`} data-name={p.name} data-status={p.status}>
                  <td class="num" data-testid="project-number">
                    {p.number}
                  </td>
                  <td>
                    <a href={href({ screen: 'project', projectId: p.id })} data-testid="project-link">
                      {p.name}
                    </a>
                    <div class="small muted">{p.units.lead.join('、')}</div>
                    <LagReason lag={p.lag} milestones={p.milestones} t={t} />
                  </td>
                  <td>
                    <StatusBadge status={p.status} t={t} />
                  </td>
                  <td class="num" data-testid="project-milestones">
                    {p.progress.milestonesReached}/{p.progress.milestonesTotal}
                  </td>
                  <td class="num" data-testid="project-spent">
                    {wan(p.money.spentToDateWan)}
                  </td>
                  <td class="num">{wan(p.money.plannedToDateWan)}</td>
                  <td class="num">{wan(p.money.budgetWan)}</td>
                  <td class="nowrap">{p.progress.lastReportDate ?? '—'}</td>
                  <EvaluationTd evaluation={p.evaluation} testId="project-evaluation" />
                </tr>
              ))}
            </tbody>
          </table>
          <p class="small muted">{t('projects.asOf', { date: projects[0]!.asOf })}</p>
        </div>
      )}
    </section>
  );
}
