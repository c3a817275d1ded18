import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpQinshui } from '../helpers/hall.ts';
import { ADMIN_PASSWORD, ProtocolTablets, shot, useStage } from './console-driver.ts';
import { pairingCode } from './support.ts';

// Issue 19, "sizes relative to the device's text setting on all four screens", for the console at 200% browser zoom
// (a 1440×900 laptop is then 720×450 CSS px): no screen scrolls sideways, and the top bar's and the tabs' controls
// (who is signed in, 修改密码, the language, 退出登录, every tab) are all on screen without overlapping — in Chinese
// and in English, whose bar alone needed 1000 px. Real server, real Chromium.

const { s } = useStage();

/** The page's sideways overflow, and the bar controls that leave the screen or overlap another. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const els = [...document.querySelectorAll<HTMLElement>('.topbar a, .topbar button, .topbar .who, .topbar .conn, .topbar h1, .tabs a')];
    const rects = els.map((e) => ({ name: `${e.tagName}:${e.textContent?.trim()}`, r: e.getBoundingClientRect() })).filter((x) => x.r.width > 0);
    const off = rects.filter((x) => x.r.left < 0 || x.r.right > innerWidth + 0.5).map((x) => x.name);
    const overlaps: string[] = [];
    for (const [i, a] of rects.entries()) {
      for (const b of rects.slice(i + 1)) {
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1 && !a.r.width.toString().includes('NaN')) overlaps.push(`${a.name} × ${b.name}`);
      }
    }
    return { overflow: document.documentElement.scrollWidth - innerWidth, off, overlaps };
  });

describe('the console at 200% zoom', () => {
  it('reflows its bar and tabs in both languages', { timeout: 240_000 }, async () => {
    const { http } = s;
    const hall = await setUpQinshui(http, 30);
    const codes: string[] = [];
    for (const d of hall.deputies.slice(0, 25)) codes.push(await pairingCode(http, hall.meetingId, d.id));
    const tablets = await ProtocolTablets.pairAndCheckIn(http, codes);
    const ballotId = (await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '2023年沁水县民生实事项目票决', seats: 10, durationSeconds: 900 })).body.ballot.id as string;
    expect((await http.post(`/api/ballots/${ballotId}/open`, {})).body).toMatchObject({ ballot: { status: 'open' } });
    const m = `${s.server.url}/console/#/m/${hall.meetingId}`;
    const where = { meetings: `${s.server.url}/console/#/`, accounts: `${s.server.url}/console/#/accounts`, cards: `${m}/cards`, checkin: `${m}/checkin`, ballot: `${m}/ballots/${ballotId}` };
    const found: Record<string, unknown> = {};
    for (const lang of ['zh-CN', 'en']) {
      const context = await s.browser.newContext({ viewport: { width: 720, height: 450 }, deviceScaleFactor: 2, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${s.server.url}/console/`);
      await page.locator('#login-username').fill('admin');
      await page.locator('#login-password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('meetings-screen').waitFor();
      if (lang === 'en') await page.getByTestId('lang-toggle').first().click();
      await page.locator(`html[lang="${lang}"]`).waitFor();
      for (const [name, url] of Object.entries(where)) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        const l = await layout(page);
        if (l.overflow > 0 || l.off.length || l.overlaps.length) found[`${lang} ${name}`] = l;
        await shot(page, `console-zoom200-${lang}-${name}.png`);
      }
      await context.close();
    }
    tablets.close();
    expect(found).toEqual({});
  });
});
