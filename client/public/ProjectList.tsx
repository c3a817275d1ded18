import { useEffect } from 'preact/hooks';
import { useLocale } from './locale.tsx';
import { ProjectCard } from './ProjectCard.tsx';
import type { PublicProject } from '../../shared/responses/projects.ts';

/** The year's projects in 序号 order. Back from a detail, the card just seen is brought into view again. */
export function ProjectList({ year, projects, onOpen, takeFocus }: { year: number; projects: readonly PublicProject[]; onOpen: (p: PublicProject) => void; takeFocus: () => string | null }) {
  const { t } = useLocale();
  useEffect(() => {
    const id = takeFocus();
    const link = id ? document.getElementById(`card-${id}`) : null;
    if (link) {
      link.scrollIntoView({ block: 'center' });
      link.focus({ preventScroll: true });
    }
  }, []);
  // In the year's order, numbered 1…n as every screen numbers it (server/projects/numbering.ts).
  const sorted = [...projects].sort((a, b) => a.number - b.number);
  return (
    <section aria-labelledby="list-heading">
      <h2 id="list-heading" class="list-heading">{t('list.heading', { year, n: projects.length })}</h2>
      <ol class="cards" data-testid="project-list">
        {sorted.map((p) => (
          <li key={p.id}>
            <ProjectCard project={p} onOpen={() => onOpen(p)} />
          </li>
        ))}
      </ol>
    </section>
  );
}
