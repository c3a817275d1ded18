import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The hall address chosen in the console (an admin setting), kept beside the database as DATA_DIR/hall.json
// (0600). A file rather than a table: it is read before the database is needed (the certificate's names) and
// it is machine configuration, not congress data. Every change is in the audit log all the same.

const settingsSchema = z.strictObject({ publicUrl: z.string().nullable() });
export type HallSettings = z.infer<typeof settingsSchema>;

export const hallSettingsFile = (dataDir: string) => path.join(dataDir, 'hall.json');

/** Reads DATA_DIR/hall.json; a missing file is `{publicUrl: null}`. Throws if the file exists but is not valid. */
export function readHallSettings(dataDir: string): HallSettings {
  const file = hallSettingsFile(dataDir);
  if (!existsSync(file)) return { publicUrl: null };
  return settingsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Writes DATA_DIR/hall.json whole (temp file, then rename), readable only by the server's user. */
export function writeHallSettings(dataDir: string, settings: HallSettings): void {
  const file = hallSettingsFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
