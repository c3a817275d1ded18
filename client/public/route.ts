import { useCallback, useEffect, useState } from 'preact/hooks';

// What the page shows lives in the URL, so it can be shared and the phone's back button works:
// /public/?year=2023 (a year's list), /public/?year=2023&project=p_… (one project).

export interface Route {
  year: number | null;
  projectId: string | null;
}

export function readRoute(search: string): Route {
  const q = new URLSearchParams(search);
  const year = q.get('year');
  const projectId = q.get('project');
  return {
    year: year !== null && /^\d{4}$/.test(year) ? Number(year) : null,
    projectId: projectId && /^[A-Za-z0-9_-]{1,64}$/.test(projectId) ? projectId : null,
  };
}

export function routeSearch(route: Route): string {
  const q = new URLSearchParams();
  if (route.year !== null) q.set('year', String(route.year));
  if (route.projectId !== null) q.set('project', route.projectId);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function useRoute(): [Route, (next: Route) => void] {
  const [route, setRoute] = useState(() => readRoute(location.search));
  useEffect(() => {
    const onPop = () => setRoute(readRoute(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: Route) => {
    history.pushState(null, '', `${location.pathname}${routeSearch(next)}`);
    setRoute(next);
  }, []);
  return [route, navigate];
}
