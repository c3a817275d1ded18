import { useLocale } from './locale.tsx';
import type { ProjectMilestone } from '../../shared/responses/projects.ts';

/** Milestones reached of total, one segment per node: green reached, red overdue, grey not yet due. */
export function MilestoneBar({ milestones }: { milestones: readonly ProjectMilestone[] }) {
  const { t } = useLocale();
  const reached = milestones.filter((m) => m.reached).length;
  return (
    <div class="figure-row" data-testid="milestone-progress" data-reached={reached} data-total={milestones.length}>
      <div class="figure-head">
        <span class="figure-label">{t('progress.label')}</span>
        <span class="figure-value">{t('progress.value', { reached, total: milestones.length })}</span>
      </div>
      <div class="segments" role="img" aria-label={t('progress.value', { reached, total: milestones.length })}>
        {milestones.map((m) => (
          <span key={m.position} class={`segment ${m.reached ? 'is-reached' : m.overdue ? 'is-overdue' : 'is-pending'}`} />
        ))}
      </div>
    </div>
  );
}
