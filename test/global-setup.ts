import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, ensureChromium } from './browser/chromium.ts';

/**
 * Once per `npm test`, before any worker starts: install Debian's Chromium when it is missing and we can
 * (root, apt reachable). Doing it here rather than in each browser test file keeps parallel workers from
 * racing for the dpkg lock. A failure is not fatal here: the browser tests then fail loudly on their own.
 */
export default function setup(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  try {
    ensureChromium();
  } catch (err) {
    console.warn(`[global-setup] ${(err as Error).message}`);
  }
}
