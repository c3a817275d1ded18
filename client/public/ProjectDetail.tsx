import { useEffect } from 'preact/hooks';
import { loadProject } from './api.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { Loading } from './Loading.tsx';
import { useLocale } from './locale.tsx';
import { ProjectView } from './ProjectView.tsx';
import { useAsync } from './useAsync.ts';

/** One project, fetched whole (every report, not only the latest). */
export function ProjectDetail({ id, onBack }: { id: string; onBack: (year: number | null) => void }) {
  const { t } = useLocale();
  const [project, retry] = useAsync(`project:${id}`, () => loadProject(id));
  useEffect(() => window.scrollTo(0, 0), [id]);
  const year = project.state === 'ok' ? project.value.year : null;
  return (
    <div class="detail-page">
      <button type="button" class="button back" data-testid="back" onClick={() => onBack(year)}>
        ‹ {t('detail.back')}
      </button>
      {project.state === 'loading' && <Loading />}
      {project.state === 'error' && <ErrorNotice error={project.error} onRetry={retry} />}
      {project.state === 'ok' && <ProjectView project={project.value} />}
    </div>
  );
}
