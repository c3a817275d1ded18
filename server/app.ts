import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import approvalRoutes from './approvals/routes.ts';
import auditRoutes from './audit/routes.ts';
import authRoutes from './auth/routes.ts';
import ballotsPlugin from './ballots/plugin.ts';
import ballotRoutes from './ballots/routes.ts';
import sealedRoutes from './ballots/sealed-routes.ts';
import candidateRoutes from './candidates/routes.ts';
import type { Db } from './db/database.ts';
import { DEFAULT_CODE_TTL_MS } from './devices/codes.ts';
import deviceRoutes from './devices/routes.ts';
import type { PairingSettings } from './devices/store.ts';
import { HallBus } from './events.ts';
import type { Fault } from './faults.ts';
import meetingRoutes from './meetings/routes.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import errorHandler from './plugins/errors.ts';
import projectorRoutes from './projector/routes.ts';
import projectRoutes, { dataDirOf } from './projects/routes.ts';
import realtime from './realtime/plugin.ts';
import rosterRoutes from './roster/routes.ts';
import { loadServerSecret } from './secret.ts';

export const CLIENT_DIST = fileURLToPath(new URL('../dist/client/', import.meta.url));

export interface AppOptions {
  db: Db;
  now?: () => number;
  logger?: FastifyServerOptions['logger'];
  https?: { cert: string | Buffer; key: string | Buffer };
  /** The data directory (where the SQLite file is): photos go under it. Defaults to the open database file's directory. */
  dataDir?: string;
  fault?: Fault;
  /** The server secret that keys pairing codes; by default PIAOJUE_SECRET or DATA_DIR/secret (see loadServerSecret). */
  secret?: Buffer;
  /** How long a pairing code pairs (ms); 12 hours by default. */
  pairingCodeTtlMs?: number;
}

/** Builds the app: infrastructure plugins, then domain plugins, then routes. Listening is main.ts's job. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    requestTimeout: 300_000, // Node's own default, which Fastify turns off: a client trickling a body cannot hold a socket forever
    frameworkErrors: (error, _req, reply) => void (reply as FastifyReply).code(error.statusCode ?? 400).header('x-content-type-options', 'nosniff').send({ error: { code: 'invalid_input', message: 'the URL is not valid' } }),
    ...(opts.https ? { https: opts.https } : {}),
  }) as unknown as FastifyInstance;

  await app.register(errorHandler);
  await app.register(dbPlugin, { db: opts.db, ...(opts.now ? { now: opts.now } : {}) });
  await app.register(cookie);
  await app.register(authPlugin);
  await app.register(ballotsPlugin, { bus: new HallBus(), dataDir: opts.dataDir, ...(opts.fault ? { fault: opts.fault } : {}) });
  await app.register(realtime);

  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
  });

  app.get('/healthz', async () => ({ ok: true }));
  // The secretariat's machine opens the console; tablets and projectors are given their own URLs.
  app.get('/', async (_req, reply) => reply.redirect('/console/'));
  await app.register(authRoutes, { secureCookies: opts.https !== undefined });
  await app.register(meetingRoutes);
  await app.register(rosterRoutes);
  await app.register(candidateRoutes);
  await app.register(ballotRoutes);
  await app.register(sealedRoutes);
  const dataDir = opts.dataDir ?? (await dataDirOf(opts.db));
  const pairing: PairingSettings = {
    // An in-memory database has no directory to keep a secret in: its codes die with the process anyway.
    secret: opts.secret ?? (dataDir ? loadServerSecret(dataDir, process.env.PIAOJUE_SECRET) : randomBytes(32)),
    codeTtlMs: opts.pairingCodeTtlMs ?? DEFAULT_CODE_TTL_MS,
  };
  await app.register(deviceRoutes, pairing);
  await app.register(approvalRoutes, pairing);
  await app.register(auditRoutes);
  await app.register(projectRoutes, { dataDir: opts.dataDir });
  await app.register(projectorRoutes);

  // The screens, as built by `npm run build` (run before start and test). Absent in a bare checkout: the API
  // still works, and /tablet/ answers 404 until the client is built.
  if (existsSync(CLIENT_DIST)) {
    await app.register(fastifyStatic, { root: CLIENT_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
