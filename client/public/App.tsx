import { useCallback, useEffect, useRef } from 'preact/hooks';
import { AuditHeads } from './AuditHeads.tsx';
import { Header } from './Header.tsx';
import { ListPage } from './ListPage.tsx';
import { useLocale } from './locale.tsx';
import { ProjectDetail } from './ProjectDetail.tsx';
import { useRoute } from './route.ts';
import type { PublicProject } from '../../shared/responses/projects.ts';

export function App() {
  const { t } = useLocale();
  const [route, navigate] = useRoute();
  // The project last shown in detail: the list brings its card back into view once.
  const lastSeen = useRef<string | null>(null);
  // Opened from the list in this page: "back" is then the browser's back, so the history does not pile up.
  const openedHere = useRef(false);
  useEffect(() => {
    if (route.projectId) lastSeen.current = route.projectId;
    else openedHere.current = false;
  }, [route.projectId]);

  const takeFocus = useCallback(() => {
    const id = lastSeen.current;
    lastSeen.current = null;
    return id;
  }, []);
  const open = (p: PublicProject) => {
    openedHere.current = true;
    navigate({ year: p.year, projectId: p.id });
  };
  const back = (year: number | null) => {
    if (openedHere.current) history.back();
    else navigate({ year: year ?? route.year, projectId: null });
  };

  return (
    <div class="page">
      <Header />
      <main>
        {route.projectId ? (
          <ProjectDetail key={route.projectId} id={route.projectId} onBack={back} />
        ) : (
          <ListPage requested={route.year} onChooseYear={(year) => navigate({ year, projectId: null })} onOpen={open} takeFocus={takeFocus} />
        )}
      </main>
      <footer class="footer">
        {t('footer')}
        <AuditHeads />
      </footer>
    </div>
  );
}
