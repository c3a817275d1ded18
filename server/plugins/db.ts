import fp from 'fastify-plugin';
import type { Db } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** The server's clock — the only clock a ballot's deadline is measured by. */
    now: () => number;
  }
}

export interface DbPluginOptions {
  db: Db;
  now?: () => number;
}

export default fp<DbPluginOptions>(
  async (app, opts) => {
    app.decorate('db', opts.db);
    app.decorate('now', opts.now ?? Date.now);
  },
  { name: 'db' },
);
