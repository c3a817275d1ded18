import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_FILE_NAME = 'secret';

/**
 * The server's own key (32 random bytes), kept outside the database so that a copy of the database alone cannot
 * recover what is keyed with it (pairing codes, issue 12). From `PIAOJUE_SECRET` (at least 32 characters) when
 * set; otherwise DATA_DIR/secret, made on first start with mode 0600 and read (and narrowed to 0600) afterwards.
 * Throws when the variable is too short or the file cannot be read or written: a start without it must stop.
 */
export function loadServerSecret(dataDir: string, envSecret: string | undefined): Buffer {
  if (envSecret !== undefined) {
    if (envSecret.length < 32) throw new Error('PIAOJUE_SECRET must be at least 32 characters');
    return Buffer.from(envSecret, 'utf8');
  }
  const file = path.join(dataDir, SECRET_FILE_NAME);
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const text = readFileSync(file, 'utf8').trim();
    if (text.length < 64) throw new Error(`${file} is damaged (expected 64 hex digits)`);
    return Buffer.from(text, 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32);
  // 'wx': two processes starting at once cannot both write one; the loser reads the winner's.
  try {
    writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadServerSecret(dataDir, undefined);
    throw err;
  }
  return secret;
}
