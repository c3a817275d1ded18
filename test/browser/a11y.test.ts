import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpQinshui } from '../helpers/hall.ts';
import { AxeLog } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { consoleScreen, HD, openScreen, ProtocolTablets, type Screen, shot, type Stage, useStage } from './console-driver.ts';
import { pairingCode } from './support.ts';

// Issue 19, done when: axe-core (WCAG 2.1 A and AA) runs on every state of the four screens — tablet, console,
// projector, public page — in both languages and reports no violation. One walk through a session: each state is
// audited in Chinese, switched to English with the screen's own control (the projector by its URL) and audited
// again. Real server process, real Chromium.

const { s, screens } = useStage();
const log = new AxeLog();

/** Audits the page in both languages, switching with its own language button. */
const both = (page: Page, state: string) => log.checkBoth(page, state);

/** The projector has no controls: its language is in its URL, so one page per language follows the hall live. */
async function projectorBoth(pages: Page[], ready: string, state: string): Promise<void> {
  for (const [i, page] of pages.entries()) {
    await page.locator(ready).first().waitFor({ timeout: 15_000 });
    await log.check(page, `projector ${state} ${i === 0 ? 'zh' : 'en'}`);
  }
}

/** What has keyboard focus: tag, id, test id, text, and the test id of the confirmation it is inside. */
function focused(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return {
      tag: e?.tagName ?? null,
      id: e?.id ?? null,
      testId: e?.getAttribute('data-testid') ?? null,
      text: e?.textContent ?? null,
      inside: e?.closest('[data-testid$="-asking"]')?.getAttribute('data-testid') ?? null,
    };
  });
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it('finds no violation on any state of the four screens in either language', { timeout: 400_000 }, async () => {
    const { http } = s;
    const hall = await setUpQinshui(http, 30);
    const codes: string[] = [];
    for (const d of hall.deputies.slice(0, 20)) codes.push(await pairingCode(http, hall.meetingId, d.id));
    const tablets = await ProtocolTablets.pairAndCheckIn(http, codes);
    const deputy = hall.deputies[20]!;

    // ---- console: sign-in (blank, then refused), the meeting's tabs ----
    const con = await openScreen(s.browser, `${s.server.url}/console/`);
    screens.push(con);
    const c = con.page;
    await c.getByTestId('login-form').waitFor();
    await both(c, 'console login');
    await c.getByTestId('login-submit').click();
    await c.locator('#login-username[aria-invalid="true"]').waitFor();
    await both(c, 'console login required');
    await c.locator('#login-username').fill('admin');
    await c.locator('#login-password').fill('wrong-password');
    await c.getByTestId('login-submit').click();
    await c.locator('#login-password[aria-invalid="true"]').waitFor();
    // The error is tied to its field: the field's description is the error line.
    expect(await c.locator('#login-password').getAttribute('aria-describedby')).toBe('login-password-error');
    expect(await c.locator('#login-password-error').textContent()).toBeTruthy();
    await both(c, 'console login wrong');
    await con.context.close();
    const cs = await consoleScreen(s);
    screens.push(cs);
    const page = cs.page;
    await both(page, 'console meetings');
    const m = `${s.server.url}/console/#/m/${hall.meetingId}`;
    for (const tab of ['import', 'cards', 'checkin', 'ballots', 'audit', 'projector']) {
      await page.goto(`${m}/${tab}`);
      await page.getByTestId(`tab-${tab}`).waitFor();
      await page.waitForLoadState('networkidle');
      await both(page, `console tab ${tab}`);
    }
    await page.goto(`${m}/checkin`);
    const absent = hall.deputies[25]!;
    await page.getByTestId(`manual-${absent.id}`).click();
    await page.getByTestId(`manual-submit-${absent.id}`).waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ id: `checkin-note-${absent.id}` });
    await both(page, 'console manual check-in');
    for (const where of ['accounts', 'password', 'projects']) {
      await page.goto(`${s.server.url}/console/#/${where}`);
      await page.waitForLoadState('networkidle');
      await both(page, `console ${where}`);
    }

    // ---- tablet: pairing (and a refused code), check-in, waiting ----
    const tab = await openScreen(s.browser, `${s.server.url}/tablet/`, { width: 1280, height: 800 });
    screens.push(tab);
    const t = tab.page;
    await t.getByTestId('pair-screen').waitFor();
    await both(t, 'tablet pairing');
    for (const d of '00000000') await t.getByTestId(`key-${d}`).click();
    await t.getByTestId('pair-submit').click();
    await t.getByTestId('pair-error').waitFor();
    await both(t, 'tablet pairing refused');
    await t.goto(`${s.server.url}/tablet/?code=${await pairingCode(http, hall.meetingId, deputy.id)}`);
    await t.getByTestId('checkin-button').waitFor();
    await both(t, 'tablet check-in');
    await t.getByTestId('checkin-button').click();
    await t.getByTestId('waiting-screen').waitFor();
    await both(t, 'tablet waiting');

    // ---- projector: attendance ----
    const display = (await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '主屏' })).body as { token: string };
    const projUrl = `${s.server.url}/projector/#token=${encodeURIComponent(display.token)}&cycle=3`;
    const proj = [await openScreen(s.browser, `${projUrl}&lang=zh-CN`, HD), await openScreen(s.browser, `${projUrl}&lang=en`, HD)];
    screens.push(...proj);
    const p = proj.map((x) => x.page);
    await projectorBoth(p, '[data-testid="projector"][data-screen="attendance"][data-conn="online"]', 'attendance');

    // ---- a draft ballot: the console's form and draft, the open confirmation ----
    await page.goto(`${m}/ballots`);
    await page.getByTestId('ballot-new').click();
    await page.getByTestId('ballot-create').waitFor();
    await both(page, 'console ballot form');
    const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '2023年沁水县民生实事项目票决', seats: 10, durationSeconds: 900 });
    const ballotId = created.body.ballot.id as string;
    await page.goto(`${m}/ballots/${ballotId}`);
    await page.getByTestId('ballot-open').waitFor();
    await both(page, 'console ballot draft');
    // A confirmation takes keyboard focus to its question, and gives it back to its button when cancelled.
    await page.getByTestId('ballot-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('ballot-open-confirm').waitFor();
    const question = await page.locator('[data-testid="ballot-open-asking"] .confirm-question').textContent();
    // Focus moves in an effect after the confirmation renders: wait for it, as a screen reader would.
    await expect.poll(() => focused(page)).toMatchObject({ text: question, inside: 'ballot-open-asking' });
    expect(await page.getByTestId('ballot-open-asking').getAttribute('role')).toBe('group');
    await page.getByTestId('ballot-open-cancel').click();
    await expect.poll(() => focused(page)).toMatchObject({ testId: 'ballot-open' });
    await page.getByTestId('ballot-open').click();
    await page.getByTestId('ballot-open-confirm').waitFor();
    await both(page, 'console ballot open confirmation');
    await page.getByTestId('ballot-open-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="open"]').waitFor();

    // ---- the ballot on the tablet: list, detail, the cap refused, review ----
    await t.getByTestId('ballot-screen').waitFor();
    await both(t, 'tablet ballot');
    const ids = hall.candidateIds;
    await t.getByTestId(`cand-toggle-${ids[0]}`).click();
    await t.getByTestId(`cand-detail-${ids[0]}`).waitFor();
    await both(t, 'tablet candidate detail');
    await t.getByTestId(`cand-toggle-${ids[0]}`).click();
    for (const id of ids.slice(0, 10)) await t.getByTestId(`opt-${id}-for`).click();
    await t.getByTestId(`opt-${ids[10]}-for`).click();
    await t.getByTestId('notice').waitFor();
    await log.check(t, 'tablet cap refused zh');
    await t.getByTestId(`opt-${ids[11]}-against`).click();
    await t.getByTestId('to-review').click();
    await t.getByTestId('review-screen').waitFor();
    await both(t, 'tablet review');

    // ---- running: console, projector; tablets vote ----
    await tablets.vote(ballotId, () => Object.fromEntries(ids.slice(0, 10).map((id) => [id, 'for'])));
    await page.reload();
    await page.getByTestId('turnout').waitFor();
    await both(page, 'console ballot running');
    await projectorBoth(p, '[data-testid="projector"][data-screen="ballot"] [data-testid="projector-turnout"]', 'ballot');
    await t.getByTestId('review-confirm').click();
    await t.getByTestId('receipt-screen').waitFor();
    await both(t, 'tablet receipt');
    await page.getByTestId('ballot-close').click();
    await page.getByTestId('ballot-close-confirm').waitFor();
    await both(page, 'console close confirmation');
    await page.getByTestId('ballot-close-confirm').click();
    await page.getByTestId('results-panel').waitFor();
    // The button is gone with the open ballot: focus lands on the screen's heading, not the page body.
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'H1' });
    await both(page, 'console results (tally review)');
    await t.getByTestId('ballot-closed').waitFor();
    await both(t, 'tablet closed');
    await projectorBoth(p, '[data-testid="projector"][data-screen="counting"]', 'counting');

    // ---- announced: console, report, projector's chart and list ----
    await page.getByTestId('ballot-announce').click();
    await page.getByTestId('ballot-announce-confirm').waitFor();
    await both(page, 'console announce confirmation');
    await page.getByTestId('ballot-announce-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="announced"]').waitFor();
    await both(page, 'console ballot announced');
    await page.goto(`${m}/ballots/${ballotId}/report`);
    await page.getByTestId('report').waitFor();
    await both(page, 'console report');
    await projectorBoth(p, '[data-testid="projector-results"][data-phase="chart"]', 'results chart');
    await projectorBoth(p, '[data-testid="projector-results"][data-phase="list"]', 'results list');

    // ---- the year's projects: console and the public page ----
    const projects = (await http.get('/api/projects?year=2023')).body.projects as { id: string }[];
    expect(projects.length).toBeGreaterThan(0);
    await page.goto(`${s.server.url}/console/#/projects/2023`);
    await page.waitForLoadState('networkidle');
    await both(page, 'console projects 2023');
    await page.goto(`${s.server.url}/console/#/project/${projects[0]!.id}`);
    await page.waitForLoadState('networkidle');
    await page.locator('h1').first().waitFor();
    await both(page, 'console project');
    const pub = await openScreen(s.browser, `${s.server.url}/public/?year=2023`, { width: 390, height: 844 });
    screens.push(pub);
    await pub.page.getByTestId('project-card').first().waitFor();
    await both(pub.page, 'public year');
    await pub.page.goto(`${s.server.url}/public/?year=2023&project=${projects[0]!.id}`);
    await pub.page.getByTestId('project-detail').waitFor();
    await both(pub.page, 'public project');
    tablets.close();

    await shot(t, 'a11y-tablet-last.png');
    expect(log.states.length).toBeGreaterThan(50);
    writeFileSync(artifactPath('a11y-axe.txt'), log.summary().join('\n'));
    expect(log.summary()).toEqual([]);
    for (const x of screens) expect(x.errors).toEqual([]);
  });
});
