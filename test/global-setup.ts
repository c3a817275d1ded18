import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, ensureChromium } from './browser/chromium.ts';
import { ensureLibreOffice } from './office/libreoffice.ts';
import { ensurePostgres } from './helpers/postgres.ts';

/**
 * Once per `npm test`, before any worker starts: install Debian's Chromium, LibreOffice with poppler for the
 * export tests, and PostgreSQL's server for the PostgreSQL tests, when they are missing and we can (root, apt
 * reachable). Doing it here rather than in each test file keeps parallel workers from racing for the dpkg lock. A failure is not fatal here: the tests that need the
 * tool then fail loudly on their own.
 */
export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    try {
      ensureChromium();
    } catch (err) {
      console.warn(`[global-setup] ${(err as Error).message}`);
    }
  }
  try {
    ensureLibreOffice();
  } catch (err) {
    console.warn(`[global-setup] ${(err as Error).message}`);
  }
  // The PostgreSQL tests start their own throwaway cluster from Debian's server binaries (test/helpers/postgres.ts).
  try {
    ensurePostgres();
  } catch (err) {
    console.warn(`[global-setup] ${(err as Error).message}`);
  }
}
