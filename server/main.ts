import { readFileSync } from 'node:fs';
import type { Server as TlsServer } from 'node:tls';
import { buildApp } from './app.ts';
import { ensureAdmin } from './auth/bootstrap.ts';
import { loadConfig, type Config } from './config.ts';
import { migrateToLatest, openStore } from './db/database.ts';
import { loadDemo } from './demo/load-demo.ts';
import { truncateWal, truncateWalRetrying } from './ballots/opening.ts';
import { PostgresHallBus } from './realtime/pg-bus.ts';
import { faultFromEnv } from './faults.ts';
import { certificateNames } from './net/addresses.ts';
import { startBanner } from './net/banner.ts';
import { CA_HELPER_MAX_CONNECTIONS, createCaHelper } from './net/ca-page.ts';
import { configuredHosts } from './net/hall.ts';
import { ensureLocalCa, type LocalCa } from './net/local-ca.ts';

// Until the app's logger exists, the bus's rare complaints go to stderr.
const busLog = {
  warn: (obj: object, msg: string) => console.warn(`piaojue: ${msg}`, obj),
  error: (obj: object, msg: string) => console.error(`piaojue: ${msg}`, obj),
};

// Starts the server: configuration, database and migrations, first admin, optional demo data, the transport
// (given certificate, local CA, or plain HTTP), listen, and the start banner. Any failure before listening exits
// non-zero with the reason on stderr.
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  // Everything the server writes (database, WAL, photos, keys, backups it is asked for) is its user's alone.
  process.umask(0o077);
  // SQLite under DATA_DIR, or PostgreSQL when DATABASE_URL is set; photos and keys stay under DATA_DIR either way.
  const store = openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const { db, where } = store;
  try {
    await migrateToLatest(db);
  } catch (err) {
    console.error(`piaojue: ${(err as Error).message}`);
    await db.destroy();
    process.exit(1);
  }
  // A crash between a secret ballot's opening and the WAL's truncation leaves the envelopes' commits (each one
  // new cast beside one new envelope) and the sealed ballot key in the WAL (DESIGN §5): checkpoint and truncate it
  // before anything else runs (on PostgreSQL: vacuum the deleted envelopes; see truncateWal).
  if (!(await truncateWal(db))) await truncateWalRetrying(db, { attempts: 20, delayMs: 50, maxDelayMs: 50 });
  const keep: string[] = [];
  await ensureAdmin(db, config.adminPassword, Date.now(), (line) => {
    console.log(line);
    keep.push(line);
  });
  if (config.demo) {
    const summary = await loadDemo(db, Date.now(), config.timeZone);
    console.log(summary);
  }

  const t = config.transport;
  let ca: LocalCa | undefined;
  if (t.kind === 'local-ca') {
    const made = await ensureLocalCa(config.dataDir, certificateNames(configuredHosts(config.dataDir, config.publicUrl)));
    if (made.made.root) console.log(`made a local certificate authority in ${config.dataDir}/tls (install its root on every tablet once)`);
    ca = made;
  }
  const https = t.kind === 'given' ? { cert: readFileSync(t.cert), key: readFileSync(t.key) } : ca ? { cert: ca.cert, key: ca.key } : undefined;

  // Several processes may share one PostgreSQL database: their hall events travel by LISTEN/NOTIFY.
  const bus = store.engine === 'postgres' ? await PostgresHallBus.start(store.pool, store.url, busLog) : undefined;
  const app = await buildApp({
    db,
    ...(bus ? { bus } : {}),
    dataDir: config.dataDir,
    fault: faultFromEnv(process.env.PIAOJUE_FAULT),
    logger: { level: config.logLevel },
    pairingCodeTtlMs: config.pairingCodeTtlMs,
    timeZone: config.timeZone,
    maxConnectionsPerAddress: config.maxConnectionsPerAddress,
    trustProxy: config.trustProxy,
    hall: {
      scheme: https ? 'https' : 'http',
      insecureHttp: t.kind === 'http' && t.insecure,
      envPublicUrl: config.publicUrl,
      ca,
      caPublicPort: config.caPublicPort,
      onCertificate: (next) => (app.server as unknown as TlsServer).setSecureContext({ cert: next.cert, key: next.key }),
    },
    ...(https ? { https } : {}),
  });
  // The helper sends tablets on to the HTTPS port of the hall address (PUBLIC_URL or the console's choice) when one
  // is set — behind nginx that is nginx's 443, not this process's own port — else to the port listened on.
  const hallPort = () => {
    const hall = app.hallNetwork.publicUrl();
    return hall ? Number(new URL(hall.url).port || 443) : null;
  };
  const helper = ca ? createCaHelper(() => app.hallNetwork.ca!, () => hallPort() ?? app.hallNetwork.port() ?? config.port) : null;
  // The helper's sockets come out of the same file limit: the reserve below it stays for the database and logs.
  const main = app.server.maxConnections;
  if (helper && Number.isFinite(main)) app.server.maxConnections = Math.max(64, main - CA_HELPER_MAX_CONNECTIONS);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      helper?.close();
      await app.close();
      await db.destroy();
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  let caPort: number | undefined;
  if (helper) {
    await new Promise<void>((resolve, reject) => {
      helper.once('error', reject);
      helper.listen(config.caPort, config.host, () => resolve());
    });
    const a = helper.address();
    caPort = typeof a === 'object' && a ? a.port : config.caPort;
  }
  app.hallNetwork.listening(app.server.address(), caPort);
  console.log(
    startBanner({
      scheme: https ? 'https' : 'http',
      host: config.host,
      port: app.hallNetwork.port() ?? config.port,
      publicUrl: app.hallNetwork.publicUrl()?.url ?? null,
      caPort: caPort ?? null,
      caPublicPort: app.hallNetwork.caPort(),
      fingerprint256: ca?.fingerprint256 ?? null,
      insecureHttp: t.kind === 'http' && t.insecure,
      database: where,
      keep,
    }),
  );
}

main().catch((err: unknown) => {
  console.error('piaojue failed to start:', err);
  process.exit(1);
});
