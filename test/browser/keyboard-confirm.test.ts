import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hallAndConsole, ProtocolTablets, shot, useStage } from './console-driver.ts';
import { pairingCode } from './support.ts';

// Issue 19 ("focus moved into each confirmation and back after it, with the question announced") for the two
// confirmations that are not a ConfirmButton: 延长 (its question says the minutes back) and the second-tablet
// warning of the 平板与配对码 screen, which is drawn above the table — for the 40th deputy, off screen. Keyboard
// only, real server, real Chromium.

const { s, screens } = useStage();

/** What has keyboard focus: its test id, and the test id of the nearest named group or dialog around it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return {
      testId: e?.getAttribute('data-testid') ?? null,
      inside: e?.closest('[role="group"],[role="alertdialog"]')?.getAttribute('data-testid') ?? null,
      text: e?.textContent ?? null,
    };
  });

/** Whether the element's box is inside the viewport (a sighted keyboard user sees it). */
const inView = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });

describe('confirmations by keyboard', () => {
  it('延长 and the second-tablet warning take focus to their question and give it back', { timeout: 240_000 }, async () => {
    const { http } = s;
    const { hall, m, cs } = await hallAndConsole(s, screens, 40);
    const { page } = cs;

    // The 40th deputy's tablet is paired; the others check in so the ballot can open.
    const last = hall.deputies[39]!;
    const codes: string[] = [];
    for (const d of hall.deputies.slice(0, 30)) codes.push(await pairingCode(http, hall.meetingId, d.id));
    const tablets = await ProtocolTablets.pairAndCheckIn(http, codes);
    expect((await http.request('POST', '/api/devices/pair', { code: await pairingCode(http, hall.meetingId, last.id) }, 'none')).status).toBe(200);

    // The second-tablet warning: asked where the secretariat is looking, answered by keyboard.
    await page.goto(`${m}/cards`);
    await page.getByTestId(`tablet-revoke-${last.id}`).waitFor();
    await page.getByTestId(`cards-issue-${last.id}`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('tablet-replace-warning').waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ inside: 'tablet-replace-warning' });
    expect(await inView(page, 'tablet-replace-warning')).toBe(true);
    await shot(page, 'keyboard-replace-warning.png');
    await page.getByTestId('tablet-replace-cancel').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ testId: `cards-issue-${last.id}` });

    // 延长: the question takes focus; cancelled, focus is back on 延长; confirmed, too.
    const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '测试表决', seats: 10, durationSeconds: 900 });
    const ballotId = created.body.ballot.id as string;
    const opened = await http.post(`/api/ballots/${ballotId}/open`, {});
    expect(opened.body).toMatchObject({ ballot: { status: 'open' } });
    const deadline = (await http.get(`/api/ballots/${ballotId}`)).body.ballot.deadlineAt as string;
    await page.goto(`${m}/ballots/${ballotId}`);
    await page.getByTestId('extend-submit').waitFor();
    await page.locator('#extend-minutes').focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ testId: 'extend-submit' });
    await page.keyboard.press('Enter');
    await page.getByTestId('extend-question').waitFor();
    const question = await page.getByTestId('extend-question').textContent();
    await expect.poll(() => focused(page)).toMatchObject({ text: question, inside: 'extend-asking' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ testId: 'extend-cancel' });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ testId: 'extend-submit' });
    await page.keyboard.press('Enter');
    await page.getByTestId('extend-confirm').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ testId: 'extend-confirm' });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await http.get(`/api/ballots/${ballotId}`)).body.ballot.deadlineAt).not.toBe(deadline);
    await expect.poll(() => focused(page)).toMatchObject({ testId: 'extend-submit' });
    tablets.close();
    expect(cs.errors).toEqual([]);
  });
});
