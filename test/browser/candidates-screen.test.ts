import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpTabletHall, openBallot, type TabletHall } from './support.ts';
import { consoleAt, shot, type Stage, useStage } from './console-driver.ts';

// The 候选项目 screen in a real Chromium against a real server (issue 13): the candidates with budget and units;
// one is edited (audited); once a ballot opens with them, the screen offers no edit and the server refuses one
// with candidate_in_use.
const { s, screens } = useStage();
let hall: TabletHall;
beforeAll(async () => {
  hall = await setUpTabletHall(s.http, 6, 5);
}, 120_000);

describe('candidates screen', () => {
  it('lists budgets and units, edits a candidate before any ballot, refuses after', async () => {
    const screen = await consoleAt(s, screens, `/m/${hall.meetingId}/candidates`, 'candidate-edit-15');
    const { page } = screen;
    expect(await page.locator('[data-testid^="candidate-edit-"]').count()).toBe(15);
    await page.getByTestId('candidate-edit-3').click();
    const form = page.getByTestId('candidate-form');
    await form.locator('input[id$="-budget"]').fill('一百');
    await page.getByTestId('candidate-save').click();
    await form.locator('.field-error').first().waitFor();
    await shot(page, 'candidates-edit-error.png');
    await form.locator('input[id$="-budget"]').fill('321.5');
    await form.locator('input[id$="-lead"]').fill('县园林绿化服务中心');
    await page.getByTestId('candidate-save').click();
    await page.getByTestId('candidates-notice').waitFor();
    const row = page.getByTestId('candidate-3');
    await expect.poll(() => row.textContent()).toContain('321.5');
    expect(await row.textContent()).toContain('县园林绿化服务中心');
    await shot(page, 'candidates-list.png');
    const audit = (await s.http.get(`/api/audit?meetingId=${hall.meetingId}&action=candidate.edited`)).body.events;
    expect(audit).toHaveLength(1);

    await openBallot(s.http, hall.meetingId);
    await page.reload();
    await page.getByTestId('candidate-in-use-3').waitFor();
    expect(await page.locator('[data-testid^="candidate-edit-"]').count()).toBe(0);
    const id = (await s.http.get(`/api/meetings/${hall.meetingId}/candidates`)).body.candidates[2].id as string;
    const refused = await page.evaluate(async (url) => {
      const res = await fetch(url, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ budgetWan: 1 }) });
      return { status: res.status, body: await res.json() };
    }, `/api/candidates/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('candidate_in_use');
    await shot(page, 'candidates-in-use.png');
    expect(screen.errors).toEqual([]);
  }, 180_000);
});
