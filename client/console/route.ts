import { useEffect, useState } from 'preact/hooks';

// The console's places, kept in the URL hash so a reload (or a second laptop) lands on the same screen.

export const TABS = ['import', 'candidates', 'cards', 'checkin', 'ballots', 'audit', 'projector'] as const;
export type Tab = (typeof TABS)[number];

export type Route =
  | { screen: 'meetings' }
  | { screen: 'accounts' }
  | { screen: 'password' }
  | { screen: 'meeting'; meetingId: string; tab: Tab }
  | { screen: 'ballot'; meetingId: string; ballotId: string }
  | { screen: 'report'; meetingId: string; ballotId: string }
  /** Paper ballots (纸质选票): the A4 sheets to print, a clerk's entry screen, the scrutineer's disputes. */
  | { screen: 'paper-print'; meetingId: string; ballotId: string }
  | { screen: 'paper-entry'; meetingId: string; ballotId: string }
  | { screen: 'paper-disputes'; meetingId: string; ballotId: string };

export const PAPER_SCREENS = ['paper-print', 'paper-entry', 'paper-disputes'] as const;
export type PaperScreen = (typeof PAPER_SCREENS)[number];
export const isPaperScreen = (s: string | undefined): s is PaperScreen => (PAPER_SCREENS as readonly string[]).includes(s ?? '');

/** 民生实事项目: the year's list (null: the latest year), one project, the completion report and its settings, the import. */
export type ProjectRoute =
  | { screen: 'projects'; year: number | null }
  | { screen: 'project'; projectId: string }
  | { screen: 'projectReport'; year: number }
  | { screen: 'projectReportSettings'; year: number }
  | { screen: 'projectImport' };

export type AnyRoute = Route | ProjectRoute;

const PROJECT_SCREENS: readonly string[] = ['projects', 'project', 'projectReport', 'projectReportSettings', 'projectImport'] satisfies ProjectRoute['screen'][];
export const isProjectRoute = (route: AnyRoute): route is ProjectRoute => PROJECT_SCREENS.includes(route.screen);

function parseProjectRoute(head: string | undefined, a: string | undefined, b: string | undefined): ProjectRoute | null {
  if (head === 'project' && a) return { screen: 'project', projectId: a };
  if (head !== 'projects') return null;
  if (a === 'import') return { screen: 'projectImport' };
  const year = a && /^\d{4}$/.test(a) ? Number(a) : null;
  if (year !== null && b === 'report') return { screen: 'projectReport', year };
  if (year !== null && b === 'report-settings') return { screen: 'projectReportSettings', year };
  return { screen: 'projects', year };
}

const isTab = (s: string | undefined): s is Tab => (TABS as readonly string[]).includes(s ?? '');

export function parseRoute(hash: string): AnyRoute {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, meetingId, tab, ballotId, extra] = parts;
  const project = parseProjectRoute(head, meetingId, tab);
  if (project) return project;
  if (head === 'accounts') return { screen: 'accounts' };
  if (head === 'password') return { screen: 'password' };
  if (head !== 'm' || !meetingId) return { screen: 'meetings' };
  if (tab === 'ballots' && ballotId) {
    if (isPaperScreen(extra)) return { screen: extra, meetingId, ballotId } as Route;
    return extra === 'report' ? { screen: 'report', meetingId, ballotId } : { screen: 'ballot', meetingId, ballotId };
  }
  return { screen: 'meeting', meetingId, tab: isTab(tab) ? tab : 'checkin' };
}

export function href(route: AnyRoute): string {
  const m = (id: string) => `#/m/${encodeURIComponent(id)}`;
  switch (route.screen) {
    case 'meetings':
      return '#/';
    case 'accounts':
      return '#/accounts';
    case 'password':
      return '#/password';
    case 'meeting':
      return `${m(route.meetingId)}/${route.tab}`;
    case 'ballot':
      return `${m(route.meetingId)}/ballots/${encodeURIComponent(route.ballotId)}`;
    case 'report':
      return `${m(route.meetingId)}/ballots/${encodeURIComponent(route.ballotId)}/report`;
    case 'paper-print':
    case 'paper-entry':
    case 'paper-disputes':
      return `${m(route.meetingId)}/ballots/${encodeURIComponent(route.ballotId)}/${route.screen}`;
    case 'projects':
      return route.year === null ? '#/projects' : `#/projects/${route.year}`;
    case 'project':
      return `#/project/${encodeURIComponent(route.projectId)}`;
    case 'projectReport':
      return `#/projects/${route.year}/report`;
    case 'projectReportSettings':
      return `#/projects/${route.year}/report-settings`;
    case 'projectImport':
      return '#/projects/import';
  }
}

export const go = (route: AnyRoute) => {
  location.hash = href(route);
};

export function useRoute(): AnyRoute {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
