import type { z } from 'zod';
import { publicProjectListSchema, publicProjectReplySchema, type PublicProject, type PublicProjectList } from '../../shared/responses/projects.ts';

// The public, read-only API. Years are cached for the page's life so switching back and forth is instant; a
// failed load is forgotten so that "重试" really asks again.

export type LoadFailure = { kind: 'network' } | { kind: 'not_found' } | { kind: 'status'; status: number; code: string; message: string } | { kind: 'bad_data' };

export class LoadError extends Error {
  constructor(readonly failure: LoadFailure) {
    super(failure.kind);
  }
}

/** GETs public JSON; throws LoadError (network, not_found, status with the server's code, bad_data). */
export async function getJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' } });
  } catch {
    throw new LoadError({ kind: 'network' });
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 404) throw new LoadError({ kind: 'not_found' });
  if (!res.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new LoadError({
      kind: 'status',
      status: res.status,
      // The stable code is what the page translates (client/i18n/server-error.ts); the message is for an unknown one.
      code: typeof error?.code === 'string' ? error.code : 'internal',
      message: typeof error?.message === 'string' ? error.message : res.statusText,
    });
  }
  return body;
}

/** The answer read with its route's schema (shared/responses/projects.ts); anything else is bad data. */
function read<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new LoadError({ kind: 'bad_data' });
  return parsed.data;
}

/** GETs `url` and reads the answer with its route's schema (shared/responses/); throws LoadError as getJson, bad_data when outside it. */
export const getRead = async <S extends z.ZodType>(url: string, schema: S): Promise<z.output<S>> => read(schema, await getJson(url));

const counties = new Map<number, string>();

function asList(body: unknown): PublicProjectList {
  const list = read(publicProjectListSchema, body);
  if (list.year !== null) counties.set(list.year, list.county);
  return list;
}

/** The county a loaded year's projects are of ('' when its report settings name none, or it is not loaded yet). */
export const countyOf = (year: number): string => counties.get(year) ?? '';

const years = new Map<number, Promise<PublicProject[]>>();
const settled = new Map<number, PublicProject[]>();

function remember(year: number, load: Promise<PublicProject[]>): Promise<PublicProject[]> {
  years.set(year, load);
  load.then(
    (projects) => settled.set(year, projects),
    () => years.delete(year),
  );
  return load;
}

let latest: PublicProjectList | undefined;

/** Without a year: the server picks the latest year that has projects (null when there is none). */
export async function loadLatest(): Promise<PublicProjectList> {
  const list = asList(await getJson('/api/public/projects'));
  if (list.year !== null && !years.has(list.year)) remember(list.year, Promise.resolve(list.projects));
  latest = list;
  return list;
}

export const peekLatest = (): PublicProjectList | undefined => latest;

export function loadYear(year: number): Promise<PublicProject[]> {
  return years.get(year) ?? remember(year, getJson(`/api/public/projects?year=${year}`).then((b) => asList(b).projects));
}

/** A year already loaded, for a first render without a loading flash. */
export function peekYear(year: number): PublicProject[] | undefined {
  return settled.get(year);
}

export async function loadProject(id: string): Promise<PublicProject> {
  return read(publicProjectReplySchema, await getJson(`/api/public/projects/${encodeURIComponent(id)}`)).project;
}

/**
 * The years that have projects, found by asking year by year back from the latest (the API has no list of
 * years): a batch of years at a time, stopping after a whole batch comes back empty. Failed years are skipped.
 */
export async function probeYears(latest: number, onFound: (year: number) => void, batch = 5): Promise<void> {
  for (let top = latest - 1; top >= 2000; top -= batch) {
    const span = Array.from({ length: batch }, (_, i) => top - i).filter((y) => y >= 2000);
    const found = await Promise.all(span.map((y) => loadYear(y).then((ps) => ps.length > 0, () => false)));
    span.forEach((y, i) => {
      if (found[i]) onFound(y);
    });
    if (!found.some(Boolean)) return;
  }
}
