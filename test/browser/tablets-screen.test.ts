import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpQinshui, type Hall } from '../helpers/hall.ts';
import { tablet } from '../helpers/ws.ts';
import { consoleAt, printed, shot, type Stage, useStage } from './console-driver.ts';

// The 平板与配对码 screen in a real Chromium against a real server (issue 13): codes issued for one delegation are
// still there after a reload (and print as cards); a paired deputy shows when, which device and online; a second
// tablet for that deputy needs an explicit choice after a warning; a lost tablet is revoked.
const { s, screens } = useStage();
let hall: Hall;
beforeAll(async () => {
  hall = await setUpQinshui(s.http, 40);
}, 120_000);

describe('tablets screen', () => {
  it('keeps codes across a reload, shows who is paired and online, warns before a second tablet, revokes', async () => {
    const screen = await consoleAt(s, screens, `/m/${hall.meetingId}/cards`, 'tablets-table');
    const { page } = screen;
    const delegation = (await page.locator('[data-testid="cards-delegation"] option').nth(1).textContent())!;
    await page.getByTestId('cards-delegation').selectOption(delegation);
    const rows = page.locator('[data-testid^="tablet-row-"]');
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(40);
    await page.getByTestId('cards-issue-all').click();
    await expect.poll(() => page.getByTestId('cards-progress').getAttribute('data-done')).toBe(String(count));
    await expect.poll(() => page.locator('[data-testid^="tablet-code-"]').count()).toBe(count);
    const before = await page.locator('[data-testid^="tablet-code-"]').allTextContents();

    // A reload (or another screen and back) loses no code: the server gives the unused ones back.
    await page.reload();
    await page.getByTestId('tablets-table').waitFor();
    await page.getByTestId('cards-delegation').selectOption(delegation);
    await expect.poll(() => page.locator('[data-testid^="tablet-code-"]').allTextContents()).toEqual(before);
    expect(await page.locator('[data-testid="card-sheet"] .pair-card').count()).toBe(count);
    await shot(page, 'tablets-codes-after-reload.png');
    await printed(page, 'tablets-delegation-cards');

    // One deputy pairs and goes online.
    const deputyId = (await rows.first().getAttribute('data-testid'))!.replace('tablet-row-', '');
    const paired = await s.http.request('POST', '/api/devices/pair', { code: before[0] }, 'none');
    expect(paired.status).toBe(200);
    const socket = await tablet(s.server.url, paired.body.token);
    await expect.poll(() => page.getByTestId(`tablet-online-${deputyId}`).getAttribute('data-on'), { timeout: 15_000 }).toBe('1');
    expect(await page.getByTestId(`tablet-paired-${deputyId}`).textContent()).toContain(paired.body.deviceId);
    expect(await page.getByTestId(`tablet-code-${deputyId}`).count()).toBe(0);

    // A second tablet: a warning and an explicit choice first; cancelling issues nothing.
    await page.getByTestId(`cards-issue-${deputyId}`).click();
    await page.getByTestId('tablet-replace-warning').waitFor();
    expect(await page.getByTestId('tablet-replace-warning').textContent()).toContain(paired.body.deviceId);
    await shot(page, 'tablets-replace-warning.png');
    await page.getByTestId('tablet-replace-cancel').click();
    expect(await page.getByTestId(`tablet-code-${deputyId}`).count()).toBe(0);
    await page.getByTestId(`cards-issue-${deputyId}`).click();
    await page.getByTestId('tablet-replace-confirm').click();
    await page.getByTestId(`tablet-code-${deputyId}`).waitFor();

    // The lost tablet is revoked: it disconnects, and the row shows no tablet.
    await page.getByTestId(`tablet-revoke-${deputyId}`).click();
    await page.getByTestId(`tablet-revoke-${deputyId}-confirm`).click();
    expect((await socket.whenClosed()).code).toBe(4401);
    await expect.poll(() => page.getByTestId(`tablet-paired-${deputyId}`).textContent()).toBe('—');
    await page.getByTestId('tablets-state').selectOption('code');
    await shot(page, 'tablets-after-revoke.png');
    expect(screen.errors).toEqual([]);
  }, 180_000);
});
