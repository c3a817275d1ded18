import fp from 'fastify-plugin';
import { DEFAULT_TIME_ZONE } from '../../shared/time.ts';
import type { Db } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** The server's clock — the only clock a ballot's deadline is measured by. */
    now: () => number;
    /** IANA zone every printed or exported time is given in, named beside it (shared/time.ts). */
    timeZone: string;
  }
}

export interface DbPluginOptions {
  db: Db;
  now?: () => number;
  timeZone?: string;
}

export default fp<DbPluginOptions>(
  async (app, opts) => {
    app.decorate('db', opts.db);
    app.decorate('now', opts.now ?? Date.now);
    app.decorate('timeZone', opts.timeZone ?? DEFAULT_TIME_ZONE);
  },
  { name: 'db' },
);
