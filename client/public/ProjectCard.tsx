import { EvaluationPanel } from './EvaluationPanel.tsx';
import { LagNote } from './LagNote.tsx';
import { useLocale } from './locale.tsx';
import { MilestoneBar } from './MilestoneBar.tsx';
import { MoneyBar } from './MoneyBar.tsx';
import { ReportBlock } from './ReportBlock.tsx';
import { routeSearch } from './route.ts';
import { CompletionNote } from './CompletionNote.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { PublicProject } from '../../shared/responses/projects.ts';

/** One project in the year's list; the whole card is the link to its detail. */
export function ProjectCard({ project: p, onOpen }: { project: PublicProject; onOpen: (id: string) => void }) {
  const { t } = useLocale();
  const latest = p.reports.at(-1);
  const href = routeSearch({ year: p.year, projectId: p.id }) || '?';
  return (
    <article class={`card card-${p.status}`} data-testid="project-card" data-project-id={p.id} data-status={p.status}>
      <div class="card-top">
        <span class="seq" data-testid="project-seq" data-number={p.number}>
          {t('card.seq', { n: p.number })}
        </span>
        <StatusBadge status={p.status} />
      </div>
      <h3 class="card-name">
        <a
          class="card-link"
          href={href}
          data-testid="project-name"
          id={`card-${p.id}`}
          onClick={(e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            onOpen(p.id);
          }}
        >
          {p.name}
        </a>
      </h3>
      {p.category && <p class="category" data-testid="project-category">{p.category}</p>}
      {p.completed && <CompletionNote completed={p.completed} />}
      {p.evaluation && <EvaluationPanel evaluation={p.evaluation} compact />}
      {p.status === 'lagging' && <LagNote lag={p.lag} />}
      {p.milestones.length > 0 && <MilestoneBar milestones={p.milestones} />}
      <MoneyBar money={p.money} behind={p.lag.spending !== null} />
      <section class="latest" data-testid="latest-report">
        <h4>{t('card.latest')}</h4>
        {latest ? <ReportBlock report={latest} full={false} /> : <p class="muted">{t('card.noReport')}</p>}
      </section>
      <p class="card-more" aria-hidden="true">
        {t('card.open')} ›
      </p>
    </article>
  );
}
