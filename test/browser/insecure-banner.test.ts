import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../helpers/process.ts';
import { CHROMIUM_ARGS, ensureChromium, LANDSCAPE } from './chromium.ts';
import { shot } from './support.ts';

// DESIGN.md §12 / issue 12: plain HTTP on a LAN address only when explicitly asked for (PIAOJUE_INSECURE_HTTP),
// and then every screen says so. A test may not reach a real LAN address, so Chromium resolves the hall name
// `piaojue-hall.test` to 127.0.0.1: the pages see a network host over http:, as a tablet on the hall Wi-Fi would,
// while every byte stays on loopback. The same server at 127.0.0.1 (this machine only) shows no warning.

const HALL = 'piaojue-hall.test';
let dir: string;
let server: ServerProcess;
let browser: Browser;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-insecure-'));
  server = await startServer({ dataDir: path.join(dir, 'data'), env: { PIAOJUE_INSECURE_HTTP: '1' } });
  browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${HALL} 127.0.0.1`] });
}, 90_000);
afterAll(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const SCREENS = [
  ['console', '/console/', '#login-username'],
  ['tablet', '/tablet/', null],
  ['projector', '/projector/', null],
  ['public', '/public/', null],
] as const;

describe('plain HTTP on the hall network', () => {
  it('every screen — console, tablet, projector, public page — warns in Chinese and English', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' });
    const page = await context.newPage();
    for (const [name, pathname] of SCREENS) {
      await page.goto(`http://${HALL}:${server.port}${pathname}`);
      const banner = page.getByTestId('insecure-banner');
      await banner.waitFor({ timeout: 20_000 });
      expect(await banner.isVisible(), name).toBe(true);
      const text = (await banner.textContent())!;
      expect(text, name).toContain('未加密连接（HTTP）');
      expect(text, name).toContain('Unencrypted connection (plain HTTP)');
      // At the top of the page, where it is seen first.
      const box = (await banner.boundingBox())!;
      expect(box.y, name).toBeLessThan(10);
      await shot(page, `insecure-banner-${name}.png`);
    }
    await context.close();
  });

  it('the same screens on this machine only (loopback) do not warn', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' });
    const page = await context.newPage();
    for (const [name, pathname, ready] of SCREENS) {
      await page.goto(`http://127.0.0.1:${server.port}${pathname}`);
      await page.locator('#app > *').first().waitFor();
      if (ready) await page.locator(ready).waitFor();
      expect(await page.getByTestId('insecure-banner').count(), name).toBe(0);
    }
    await context.close();
  });
});
