import path from 'node:path';
import { databaseUrlFrom, migrateToLatest, openStore } from '../server/db/database.ts';

// `npm run migrate`: brings the database up to date — PostgreSQL at DATABASE_URL when set, else the SQLite file
// under DATA_DIR (default ./data); non-zero exit on failure.
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
let databaseUrl: string | undefined;
try {
  databaseUrl = databaseUrlFrom(process.env.DATABASE_URL);
} catch (err) {
  console.error(`piaojue: ${(err as Error).message}`);
  process.exit(2);
}
const { db, where: file } = openStore({ dataDir, databaseUrl });
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `applied ${applied.join(', ')} to ${file}` : `${file} is up to date`);
} catch (err) {
  console.error(`piaojue: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
