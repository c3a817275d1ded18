import path from 'node:path';
import { migrateToLatest, openDatabase } from '../server/db/database.ts';

// `npm run migrate`: brings the database under DATA_DIR (default ./data) up to date; non-zero exit on failure.
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
const { db, file } = openDatabase(dataDir);
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `applied ${applied.join(', ')} to ${file}` : `${file} is up to date`);
} catch (err) {
  console.error(`piaojue: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
