import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import approvalRoutes from './approvals/routes.ts';
import auditRoutes from './audit/routes.ts';
import accountRoutes from './auth/account-routes.ts';
import authRoutes from './auth/routes.ts';
import ballotsPlugin from './ballots/plugin.ts';
import ballotRoutes from './ballots/routes.ts';
import sealedRoutes from './ballots/sealed-routes.ts';
import paperRoutes from './ballots/paper-routes.ts';
import candidateRoutes from './candidates/routes.ts';
import importRoutes from './import/routes.ts';
import type { Db } from './db/database.ts';
import { DEFAULT_CODE_TTL_MS } from './devices/codes.ts';
import deviceRoutes from './devices/routes.ts';
import type { PairingSettings } from './devices/store.ts';
import ballotExportRoutes from './exports/ballot-routes.ts';
import { HallBus } from './events.ts';
import type { Fault } from './faults.ts';
import meetingRoutes from './meetings/routes.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import errorHandler from './plugins/errors.ts';
import projectorRoutes from './projector/routes.ts';
import projectRoutes, { dataDirOf } from './projects/routes.ts';
import { capConnections } from './net/connections.ts';
import type { TrustedProxies } from './net/trust-proxy.ts';
import { HallNetwork, type HallNetworkOptions } from './net/hall.ts';
import hallRoutes from './net/hall-routes.ts';
import requestGuards from './net/request-guards.ts';
import { RequestLogController, requestSerializer } from './net/request-log.ts';
import { installSecurityHeaders } from './net/security-headers.ts';
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
  /** IANA zone for printed and exported times (TIME_ZONE); default Asia/Shanghai. */
  timeZone?: string;
  /** The hall's network (scheme, hall address, local CA). Default: plain HTTP on loopback, no local CA. */
  hall?: Omit<HallNetworkOptions, 'dataDir'>;
  /** Sockets one remote address may hold open at once (default 64); a trusted proxy's own sockets are not capped. */
  maxConnectionsPerAddress?: number;
  /** Reverse proxies whose X-Forwarded-For names the client (req.ip); default none (server/net/trust-proxy.ts). */
  trustProxy?: TrustedProxies | null;
  /** The hall's event bus; default one process's own. On PostgreSQL, main.ts gives one spanning processes. */
  bus?: HallBus;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The hall address, LAN origins and local CA (server/net/hall.ts). */
    hallNetwork: HallNetwork;
  }
}

/** Builds the app: infrastructure plugins, then domain plugins, then routes. Listening is main.ts's job. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const logger = opts.logger && typeof opts.logger === 'object' ? { ...opts.logger, serializers: { req: requestSerializer, ...opts.logger.serializers } } : (opts.logger ?? false);
  const app = Fastify({
    logger,
    logController: new RequestLogController(), // one redacted line per request, static files at debug
    bodyLimit: 2 * 1024 * 1024,
    // A request must arrive whole within a minute (a 12 MB report with photos at 2 Mbit/s takes ~50 s); an idle
    // socket is closed after 30 s (websockets are exempt: ws turns the socket timeout off after the upgrade).
    requestTimeout: 60_000,
    connectionTimeout: 30_000,
    keepAliveTimeout: 10_000,
    frameworkErrors: (error, _req, reply) => void (reply as FastifyReply).code(error.statusCode ?? 400).header('x-content-type-options', 'nosniff').send({ error: { code: 'invalid_input', message: 'the URL is not valid' } }),
    ...(opts.https ? { https: opts.https } : {}),
    ...(opts.trustProxy ? { trustProxy: opts.trustProxy.list } : {}),
  }) as unknown as FastifyInstance;

  await app.register(errorHandler);
  await app.register(dbPlugin, { db: opts.db, ...(opts.now ? { now: opts.now } : {}), ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) });
  await app.register(cookie);
  await app.register(authPlugin);
  await app.register(requestGuards);
  capConnections(app.server, opts.maxConnectionsPerAddress ?? 64, undefined, opts.trustProxy?.has);
  app.server.headersTimeout = 20_000;
  const dataDir = opts.dataDir ?? (await dataDirOf(opts.db));
  // An in-memory database has no directory to keep a secret in: its codes die with the process anyway.
  const secret = opts.secret ?? (dataDir ? loadServerSecret(dataDir, process.env.PIAOJUE_SECRET) : randomBytes(32));
  const bus = opts.bus ?? new HallBus();
  app.addHook('onClose', async () => bus.close());
  await app.register(ballotsPlugin, { bus, dataDir: opts.dataDir, serverSecret: secret, ...(opts.fault ? { fault: opts.fault } : {}) });
  await app.register(realtime);

  installSecurityHeaders(app, opts.https !== undefined);
  const hall = new HallNetwork({ scheme: opts.https ? 'https' : 'http', insecureHttp: false, ...opts.hall, dataDir: dataDir ?? '.' });
  app.decorate('hallNetwork', hall);

  app.get('/healthz', async () => ({ ok: true }));
  // The secretariat's machine opens the console; tablets and projectors are given their own URLs.
  app.get('/', async (_req, reply) => reply.redirect('/console/'));
  await app.register(authRoutes, { secureCookies: opts.https !== undefined });
  await app.register(accountRoutes);
  await app.register(meetingRoutes);
  await app.register(rosterRoutes);
  await app.register(candidateRoutes);
  await app.register(importRoutes);
  await app.register(ballotRoutes);
  await app.register(sealedRoutes);
  await app.register(paperRoutes);
  await app.register(ballotExportRoutes);
  const pairing: PairingSettings = {
    secret,
    codeTtlMs: opts.pairingCodeTtlMs ?? DEFAULT_CODE_TTL_MS,
  };
  await app.register(deviceRoutes, pairing);
  await app.register(approvalRoutes, pairing);
  await app.register(auditRoutes);
  await app.register(projectRoutes, { dataDir: opts.dataDir });
  await app.register(projectorRoutes);
  await app.register(hallRoutes, { hall });

  // The screens, as built by `npm run build` (run before start and test). Absent in a bare checkout: the API
  // still works, and /tablet/ answers 404 until the client is built.
  if (existsSync(CLIENT_DIST)) {
    await app.register(fastifyStatic, { root: CLIENT_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
