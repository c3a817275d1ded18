import { readFileSync } from 'node:fs';
import { buildApp } from './app.ts';
import { ensureAdmin } from './auth/bootstrap.ts';
import { loadConfig, type Config } from './config.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { loadDemo } from './demo/load-demo.ts';
import { faultFromEnv } from './faults.ts';

// Starts the server: configuration, database and migrations, first admin, optional demo data, listen.
// Any failure before listening exits non-zero with the reason on stderr.
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const { db, file } = openDatabase(config.dataDir);
  try {
    await migrateToLatest(db);
  } catch (err) {
    console.error(`piaojue: ${(err as Error).message}`);
    await db.destroy();
    process.exit(1);
  }
  await ensureAdmin(db, config.adminPassword, Date.now(), (line) => console.log(line));
  if (config.demo) {
    const summary = await loadDemo(db, Date.now());
    console.log(summary);
  }

  const app = await buildApp({
    db,
    fault: faultFromEnv(process.env.PIAOJUE_FAULT),
    logger: { level: config.logLevel },
    dataDir: config.dataDir,
    pairingCodeTtlMs: config.pairingCodeTtlMs,
    ...(config.tls ? { https: { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) } } : {}),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
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
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`piaojue listening on ${config.tls ? 'https' : 'http'}://localhost:${port} (database ${file})`);
}

main().catch((err: unknown) => {
  console.error('piaojue failed to start:', err);
  process.exit(1);
});
