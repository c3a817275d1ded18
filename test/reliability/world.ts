import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { DB_FILE_NAME, openDatabase, type OpenedDatabase } from '../../server/db/database.ts';
import { json, makeApp } from '../helpers/app.ts';
import { dbChecksum } from '../helpers/checksum.ts';
import { checkInTablets, meetingWithTablets, openBallot, type Setup } from '../helpers/factories.ts';
import { ALL_ROLES, type Role } from './routes.ts';

/** An app over its own SQLite file, as test/helpers/app.ts makes them. */
export interface Harness {
  app: FastifyInstance;
  opened: OpenedDatabase;
  checksum: () => string;
  close: () => Promise<void>;
}

/**
 * A small hall for the reliability tests: a meeting with the fixture's candidates, `deputies` paired tablets,
 * all checked in, one open ballot, a display token, and a signed-in caller of every role — so that every
 * route has a real thing to point at and someone to be called by.
 */
export interface World extends Setup {
  t: Harness;
  ballotId: string;
  /** A device that is not the acting deputy's (tokens[0]). */
  deviceId: string;
  displayTokenId: string;
  /** Request headers per role: a staff session cookie, a tablet's bearer token, or nothing. */
  headers: Record<Role, Record<string, string>>;
}

export async function makeWorld(opts: { deputies?: number; now?: () => number } = {}): Promise<World> {
  const t = await makeApp(opts.now ? { now: opts.now } : {});
  const s = await meetingWithTablets(t, opts.deputies ?? 3);
  await checkInTablets(t, s.tokens);
  const ballotId = await openBallot(t, s);
  const device = t.opened.sqlite.prepare('select id from device where deputy_id = ?').get(s.deputyIds[s.deputyIds.length - 1]) as { id: string };
  const display = await t.app.inject({ method: 'POST', url: `/api/meetings/${s.meetingId}/display-tokens`, payload: {}, headers: { cookie: s.cookie } });
  if (display.statusCode !== 201) throw new Error(`display token: ${display.body}`);
  const headers = {} as Record<Role, Record<string, string>>;
  for (const role of ALL_ROLES) {
    if (role === 'anonymous') headers[role] = {};
    else if (role === 'deputy') headers[role] = { authorization: `Bearer ${s.tokens[0]}` };
    else headers[role] = { cookie: (await t.as(role)).cookie };
  }
  return { ...s, t, ballotId, deviceId: device.id, displayTokenId: json(display).id, headers };
}

/**
 * The same hall in a new app over a copy of the database: sessions and tablet tokens carry over. Far cheaper
 * than making a world (no password hashing), so each route can have a hall of its own.
 */
export async function forkWorld(w: World): Promise<World> {
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-fork-'));
  await w.t.opened.sqlite.backup(path.join(dir, DB_FILE_NAME));
  const opened = openDatabase(dir);
  const app = await buildApp({ db: opened.db });
  await app.ready();
  const t: Harness = {
    app,
    opened,
    checksum: () => dbChecksum(opened.sqlite),
    async close() {
      await app.close();
      await opened.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return { ...w, t };
}

/** The real id a route's `:param` names in this world (`:id` depends on the route). */
export function realParam(w: World, url: string, param: string): string | undefined {
  if (param === 'meetingId') return w.meetingId;
  if (param === 'deputyId') return w.deputyIds[1];
  if (param !== 'id') return undefined;
  if (url.startsWith('/api/ballots/') || url.startsWith('/api/deputy/ballots/')) return w.ballotId;
  if (url.startsWith('/api/devices/')) return w.deviceId;
  if (url.startsWith('/api/display-tokens/')) return w.displayTokenId;
  return undefined;
}
