import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpQinshui } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { startServer, type ServerProcess } from '../helpers/process.ts';
import { launchChromium } from './chromium.ts';
import { ADMIN_PASSWORD, LAPTOP, shot } from './console-driver.ts';

// DESIGN.md §12: tablets and projectors reach the server by a LAN address, never `localhost`, and every QR code and
// link is built from that address. 127.0.0.2 stands in for the LAN address (a test never uses a real one): a
// console opened there builds everything on it and does not warn; a console opened on localhost warns, and once an
// admin chooses the hall address in that warning, the codes and links use it.

let dir: string;
let browser: Browser;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-hall-'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close().catch(() => {});
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(origin: string): Promise<Page> {
  const context = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${origin}/console/`);
  await page.locator('#login-username').fill('admin');
  await page.locator('#login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('meetings-screen').waitFor();
  return page;
}

/** The QR text of a freshly issued card for the first deputy, and the projector link made on the console. */
async function codesAndLinks(page: Page, origin: string, meetingId: string, deputyId: string): Promise<{ qr: string; address: string; projector: string }> {
  await page.goto(`${origin}/console/#/m/${encodeURIComponent(meetingId)}/cards`);
  await page.getByTestId(`cards-issue-${deputyId}`).click();
  const card = page.getByTestId(`card-${deputyId}`);
  await card.waitFor();
  const qr = (await card.locator('svg.qr').first().getAttribute('data-text'))!;
  const address = (await page.getByTestId(`card-address-${deputyId}`).textContent())!;
  await page.getByTestId('tab-projector').click();
  await page.getByTestId('display-token-create').click();
  const projector = await page.getByTestId('projector-url').inputValue();
  return { qr, address, projector };
}

describe('the hall address', () => {
  it('a console opened at the LAN address builds QR codes, cards and links on it, and does not warn', { timeout: 120_000 }, async () => {
    const server = await startServer({ dataDir: path.join(dir, 'lan'), env: { HOST: '127.0.0.2' } });
    servers.push(server);
    const origin = `http://127.0.0.2:${server.port}`;
    const http = new Http(origin);
    await http.login('admin', ADMIN_PASSWORD);
    const hall = await setUpQinshui(http, 3);
    const page = await signIn(origin);
    const got = await codesAndLinks(page, origin, hall.meetingId, hall.deputies[0]!.id);
    expect(got.qr).toMatch(new RegExp(`^${origin}/tablet/#code=\\d{8}$`));
    expect(got.address).toContain(`${origin}/tablet/`);
    expect(got.projector).toMatch(new RegExp(`^${origin}/projector/#token=`));
    expect(await page.getByTestId('localhost-banner').count()).toBe(0);
    expect(await page.getByTestId('insecure-banner').count()).toBe(0); // plain HTTP on loopback is not the hall network
  });

  it('a console opened on localhost warns, and after the admin chooses the hall address the codes use it', { timeout: 120_000 }, async () => {
    const server = await startServer({ dataDir: path.join(dir, 'local') });
    servers.push(server);
    const local = `http://localhost:${server.port}`;
    const chosen = `http://127.0.0.2:${server.port}`;
    const http = new Http(server.url);
    await http.login('admin', ADMIN_PASSWORD);
    const hall = await setUpQinshui(http, 3);
    const page = await signIn(local);
    const banner = page.getByTestId('localhost-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('平板和投影电脑无法访问 localhost');
    await shot(page, 'console-localhost-warning.png');
    await page.getByTestId('hall-custom').fill(chosen);
    await page.getByTestId('hall-save').click();
    await expect.poll(() => banner.getAttribute('data-public-url')).toBe(chosen);
    expect(await page.getByTestId('hall-using').textContent()).toContain(chosen);
    await shot(page, 'console-localhost-hall-chosen.png');
    const got = await codesAndLinks(page, local, hall.meetingId, hall.deputies[0]!.id);
    expect(got.qr).toMatch(new RegExp(`^${chosen}/tablet/#code=\\d{8}$`));
    expect(got.projector).toMatch(new RegExp(`^${chosen}/projector/#token=`));
    // The warning stays on every screen while the console is on localhost.
    expect(await banner.isVisible()).toBe(true);
    // Stored on the server: a fresh console (and the API) sees the same hall address.
    expect((await http.get('/api/hall')).body).toMatchObject({ publicUrl: chosen, publicUrlSource: 'console' });
  });
});
