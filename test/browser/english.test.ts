import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpQinshui } from '../helpers/hall.ts';
import { ADMIN_PASSWORD, HD, LAPTOP, ProtocolTablets, shot, useStage } from './console-driver.ts';
import { LANDSCAPE } from './chromium.ts';

// Issue 19, step 5: the four screens in English — the page title (<title>) is English on each, and follows the
// language toggle; money is written one way ("× 10k yuan") on the tablet, the console's report, the projector's
// results and the public page. Real server, real Chromium; screenshots in test/artifacts/.

const { s } = useStage();

const CJK = /[\u3400-\u9fff]/;

/** A page whose stored language is English before any script runs (the screens remember the choice). */
async function englishPage(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await s.browser.newContext({ viewport, locale: 'en-US' });
  await context.addInitScript(() => localStorage.setItem('piaojue.locale', 'en'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors, close: () => context.close() };
}

const titleOf = (page: Page) => page.evaluate(() => document.title);

describe('the four screens in English', () => {
  it('have English page titles and one way of writing money', { timeout: 240_000 }, async () => {
    const { http } = s;
    const hall = await setUpQinshui(http, 30);
    const tablets = await ProtocolTablets.seat(http, hall, 21);
    const deputy = hall.deputies[25]!;
    const code = (await http.post(`/api/meetings/${hall.meetingId}/deputies/${deputy.id}/pairing-code`)).body.code as string;
    const display = (await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: 'left' })).body as { token: string };
    const screens: { close: () => Promise<void>; errors: string[] }[] = [];
    try {
      // ---- the tablet: pairing screen, then the ballot ----
      const tab = await englishPage(LANDSCAPE);
      screens.push(tab);
      await tab.page.goto(`${s.server.url}/tablet/`);
      await tab.page.getByTestId('pair-screen').waitFor();
      expect(await titleOf(tab.page)).toBe('Piaojue · Deputy voting tablet');
      // The toggle changes the title with the rest of the page, and back.
      await tab.page.getByTestId('lang-toggle').click();
      await expect.poll(() => titleOf(tab.page)).toBe('票决 · 代表表决器');
      await tab.page.getByTestId('lang-toggle').click();
      await expect.poll(() => titleOf(tab.page)).toBe('Piaojue · Deputy voting tablet');
      await tab.page.goto(`${s.server.url}/tablet/?code=${code}`);
      await tab.page.getByTestId('checkin-button').click();
      await tab.page.getByTestId('waiting-screen').waitFor();

      const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '2023年民生实事项目票决', seats: 10, durationSeconds: 900 });
      const ballotId = created.body.ballot.id as string;
      expect((await http.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);
      await tab.page.getByTestId('ballot-screen').waitFor();
      expect(await tab.page.getByTestId('approval-count').textContent()).toBe('For 0/10');
      const budgets = await tab.page.locator('.cand-budget').allTextContents();
      expect(budgets.length).toBe(15);
      for (const b of budgets) expect(b).toMatch(/^[\d,.]+ × 10k yuan$|^Budget to be set$/);
      expect(await titleOf(tab.page)).toBe('Piaojue · Deputy voting tablet');
      await shot(tab.page, 'english-01-tablet-ballot.png');

      // Twenty deputies vote; the secretariat closes and announces.
      const ids = hall.candidateIds;
      await tablets.vote(ballotId, (i) => Object.fromEntries(ids.slice(0, 10).map((id) => [id, i % 7 === 0 ? 'against' : 'for'])));
      tablets.close();
      expect((await http.post(`/api/ballots/${ballotId}/close`)).status).toBe(200);
      await tab.page.getByTestId('ballot-closed').waitFor();
      expect(await tab.page.getByTestId('closed-not-voted').textContent()).toBe('You did not vote in this ballot.');

      // ---- the projector, English by its URL ----
      const proj = await englishPage(HD);
      screens.push(proj);
      await proj.page.goto(`${s.server.url}/projector/#token=${encodeURIComponent(display.token)}&lang=en&cycle=3`);
      await proj.page.locator('[data-testid="projector"][data-conn="online"]').waitFor();
      expect(await titleOf(proj.page)).toBe('Piaojue · Hall display');
      const announced = await http.post(`/api/ballots/${ballotId}/announce`);
      expect(announced.status, JSON.stringify(announced.body)).toBe(200);
      await proj.page.locator('[data-testid="projector"][data-screen="results"]').waitFor();
      // The results page and the selected list take turns (every 3 s here): the list carries the budgets.
      await expect.poll(() => proj.page.getByTestId('projector').innerText(), { timeout: 20_000 }).toContain('× 10k yuan');
      expect(await proj.page.getByTestId('projector').innerText()).not.toMatch(/万元|million/);
      expect(await titleOf(proj.page)).toBe('Piaojue · Hall display');
      await shot(proj.page, 'english-02-projector-results.png');

      // ---- the console: sign-in, then the ballot's report ----
      const con = await englishPage(LAPTOP);
      screens.push(con);
      await con.page.goto(`${s.server.url}/console/`);
      await con.page.getByTestId('login-form').waitFor();
      expect(await titleOf(con.page)).toBe('Piaojue · Secretariat console');
      await con.page.locator('#login-username').fill('admin');
      await con.page.locator('#login-password').fill(ADMIN_PASSWORD);
      await con.page.getByTestId('login-submit').click();
      await con.page.getByTestId('meetings-screen').waitFor();
      await con.page.goto(`${s.server.url}/console/#/m/${encodeURIComponent(hall.meetingId)}/ballots/${encodeURIComponent(ballotId)}/report`);
      await con.page.locator('main').getByText('× 10k yuan').first().waitFor();
      const report = await con.page.locator('main').innerText();
      expect(report).not.toMatch(/万元|million|\(s\)|北京时间/);
      expect(report).toContain('(Beijing time, UTC+8)');
      expect(await titleOf(con.page)).toBe('Piaojue · Secretariat console');
      await shot(con.page, 'english-03-console-report.png');

      // ---- the public page ----
      const pub = await englishPage({ width: 390, height: 844 });
      screens.push(pub);
      await pub.page.goto(`${s.server.url}/public/`);
      await pub.page.getByTestId('page-title').waitFor();
      expect(await titleOf(pub.page)).toBe("People's livelihood projects: progress");
      await shot(pub.page, 'english-04-public.png');

      for (const page of [tab.page, proj.page, con.page, pub.page]) expect(await titleOf(page)).not.toMatch(CJK);
      for (const x of screens) expect(x.errors).toEqual([]);
    } finally {
      for (const x of screens) await x.close().catch(() => {});
    }
  });
});
