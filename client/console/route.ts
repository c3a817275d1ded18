import { useEffect, useState } from 'preact/hooks';

// The console's places, kept in the URL hash so a reload (or a second laptop) lands on the same screen.

export const TABS = ['import', 'cards', 'checkin', 'ballots', 'audit', 'projector'] as const;
export type Tab = (typeof TABS)[number];

export type Route =
  | { screen: 'meetings' }
  | { screen: 'meeting'; meetingId: string; tab: Tab }
  | { screen: 'ballot'; meetingId: string; ballotId: string }
  | { screen: 'report'; meetingId: string; ballotId: string };

const isTab = (s: string | undefined): s is Tab => (TABS as readonly string[]).includes(s ?? '');

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, meetingId, tab, ballotId, extra] = parts;
  if (head !== 'm' || !meetingId) return { screen: 'meetings' };
  if (tab === 'ballots' && ballotId) {
    return extra === 'report' ? { screen: 'report', meetingId, ballotId } : { screen: 'ballot', meetingId, ballotId };
  }
  return { screen: 'meeting', meetingId, tab: isTab(tab) ? tab : 'checkin' };
}

export function href(route: Route): string {
  const m = (id: string) => `#/m/${encodeURIComponent(id)}`;
  switch (route.screen) {
    case 'meetings':
      return '#/';
    case 'meeting':
      return `${m(route.meetingId)}/${route.tab}`;
    case 'ballot':
      return `${m(route.meetingId)}/ballots/${encodeURIComponent(route.ballotId)}`;
    case 'report':
      return `${m(route.meetingId)}/ballots/${encodeURIComponent(route.ballotId)}/report`;
  }
}

export const go = (route: Route) => {
  location.hash = href(route);
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
