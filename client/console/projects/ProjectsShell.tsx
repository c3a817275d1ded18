import type { ProjectRoute } from '../route.ts';
import { TopBar } from '../TopBar.tsx';
import { useT } from '../useT.ts';
import { CompletionReportScreen } from './CompletionReportScreen.tsx';
import { ImportCompletedScreen } from './ImportCompletedScreen.tsx';
import { ProjectDetail } from './ProjectDetail.tsx';
import { ProjectsScreen } from './ProjectsScreen.tsx';
import { ReportSettingsScreen } from './ReportSettingsScreen.tsx';
import { YearPanels } from './YearPanels.tsx';
import './projects.css';

/** 民生实事项目: the year's list, one project, the completion report and its settings, importing a completed year. */
export function ProjectsShell({ route }: { route: ProjectRoute }) {
  const { t } = useT();
  return (
    <>
      <TopBar>
        <span class="meeting-name">{t('nav.projects')}</span>
      </TopBar>
      <main class="page projects-page">
        {route.screen === 'projects' ? (
          <>
            <ProjectsScreen key={route.year ?? 'latest'} year={route.year} />
            <YearPanels year={route.year} />
          </>
        ) : route.screen === 'project' ? (
          <ProjectDetail key={route.projectId} projectId={route.projectId} />
        ) : route.screen === 'projectReport' ? (
          <CompletionReportScreen key={route.year} year={route.year} />
        ) : route.screen === 'projectReportSettings' ? (
          <ReportSettingsScreen key={route.year} year={route.year} />
        ) : (
          <ImportCompletedScreen />
        )}
      </main>
    </>
  );
}
