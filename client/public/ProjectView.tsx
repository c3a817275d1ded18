import { CompletionNote } from './CompletionNote.tsx';
import { EvaluationPanel } from './EvaluationPanel.tsx';
import { useLocale } from './locale.tsx';
import { LagNote } from './LagNote.tsx';
import { MoneyBar } from './MoneyBar.tsx';
import { OutputList } from './OutputList.tsx';
import { ReportBlock } from './ReportBlock.tsx';
import { Section } from './Section.tsx';
import { SupervisionSection } from './SupervisionSection.tsx';
import { SelectionNote } from './SelectionNote.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { Timeline } from './Timeline.tsx';
import type { PublicProject } from '../../shared/responses/projects.ts';
import { UnitsPanel } from './UnitsPanel.tsx';

/** Everything public about one project: task, plan, money, results, every report with its photos, the rating. */
export function ProjectView({ project: p }: { project: PublicProject }) {
  const { t } = useLocale();
  const newestFirst = [...p.reports].reverse();
  // Shown once: an imported project's summary is its completion report's text, and some plans repeat the task.
  const showSummary = p.summary !== '' && p.summary !== p.annualTask && !p.reports.some((r) => r.note === p.summary);
  return (
    <article class="detail" data-testid="project-detail" data-project-id={p.id} data-status={p.status}>
      <div class="card-top">
        <span class="seq" data-testid="project-seq" data-number={p.number}>
          {t('year.option', { year: p.year })} · {t('card.seq', { n: p.number })}
        </span>
        <StatusBadge status={p.status} />
      </div>
      <h2 class="detail-name" data-testid="detail-name">{p.name}</h2>
      {p.category && <p class="category">{p.category}</p>}
      {p.completed && <CompletionNote completed={p.completed} />}
      {p.status === 'lagging' && <LagNote lag={p.lag} />}
      {p.evaluation && <EvaluationPanel evaluation={p.evaluation} />}
      {p.annualTask && (
        <Section title={t('detail.annualTask')} testId="annual-task">
          <p class="prose">{p.annualTask}</p>
        </Section>
      )}
      {showSummary && (
        <Section title={t('detail.summary')}>
          <p class="prose">{p.summary}</p>
        </Section>
      )}
      <Section title={t('detail.money')}>
        <MoneyBar money={p.money} behind={p.lag.spending !== null} />
      </Section>
      <Section title={t('detail.plan')} testId="plan">
        <Timeline milestones={p.milestones} />
      </Section>
      {Object.keys(p.outputs).length > 0 && (
        <Section title={t('detail.outputs')} testId="total-outputs">
          <OutputList outputs={p.outputs} />
        </Section>
      )}
      <Section title={t('detail.reports', { n: p.reports.length })} testId="reports">
        {newestFirst.length === 0 ? (
          <p class="muted">{t('detail.noReports')}</p>
        ) : (
          newestFirst.map((r) => <ReportBlock key={r.id} report={r} milestones={p.milestones} full />)
        )}
      </Section>
      <SupervisionSection projectId={p.id} />
      <UnitsPanel project={p} />
      <SelectionNote project={p} />
    </article>
  );
}
