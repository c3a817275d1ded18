import { href } from '../route.ts';
import { promotedSchema } from '../../../shared/responses/projects.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';

/**
 * What announcing did (issue 13): "N 个项目已列入 YYYY 年民生实事项目" with a link to each project and to the
 * year's list, from GET /api/ballots/:id/promoted. Shown on an announced ballot's page.
 */
export function PromotedNotice({ ballotId }: { ballotId: string }) {
  const { t } = useT();
  const promoted = useResource(`/api/ballots/${encodeURIComponent(ballotId)}/promoted`, promotedSchema);
  const p = promoted.data;
  if (!p) return null;
  if (p.count === 0 || p.year === null) return <p class="muted" data-testid="ballot-promoted" data-count="0">{t('promoted.none')}</p>;
  return (
    <div class="promoted" data-testid="ballot-promoted" data-count={p.count}>
      <p class="ok-line">{t('promoted.some', { n: p.count, year: p.year })}</p>
      <ol class="promoted-list">
        {p.projects.map((x) => (
          <li key={x.id}>
            <a href={href({ screen: 'project', projectId: x.id })}>{x.name}</a>
          </li>
        ))}
      </ol>
      <a href={href({ screen: 'projects', year: p.year })} data-testid="ballot-promoted-all">
        {t('promoted.all', { year: p.year })}
      </a>
    </div>
  );
}
