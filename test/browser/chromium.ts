import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../helpers/process.ts';

// A real headless Chromium for the screens' tests: Debian's /usr/bin/chromium, installed here on a fresh machine
// when we are root. No browser means a loud failure, never a silent skip.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'test/artifacts');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let installTried = false;

export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  // Normally done once by test/global-setup.ts; this is the fallback for running one browser file alone.
  if (root && !installTried) {
    installTried = true;
    try {
      // A CJK font too, so the screenshots show the Chinese screens rather than boxes.
      execFileSync('sh', ['-c', 'apt-get update && apt-get install -y chromium fonts-wqy-zenhei'], { stdio: 'pipe', timeout: 300_000 });
    } catch (err) {
      const out = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
      throw new Error(`Chromium is missing at ${CHROMIUM_PATH} and \`apt-get install -y chromium\` failed:\n${out}`);
    }
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. Install it (\`apt-get update && apt-get install -y chromium\`, as root) ` +
        'or set CHROMIUM_PATH. The browser tests do not skip themselves.',
    );
  }
  return CHROMIUM_PATH;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}

export const LANDSCAPE = { width: 1280, height: 800 };
export const PORTRAIT = { width: 800, height: 1280 };

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
