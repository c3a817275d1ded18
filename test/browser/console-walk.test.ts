import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpQinshui } from '../helpers/hall.ts';
import { consoleScreen, ProtocolTablets, type Screen, shot, type Stage, tab, useStage } from './console-driver.ts';

// Issue 13, part of "done when", in a real Chromium against a real server: a draft is edited and another deleted
// from the console, a ballot opened and extended only after confirming, and unseating a deputy mid-ballot is
// refused in the row (roster_locked) with the electorate unchanged. (Accounts: accounts.test.ts.)
const { s, screens } = useStage();

describe('a session from the console, without curl', () => {
  it('edits and deletes drafts, opens with confirmation, and keeps the electorate while a ballot is open', { timeout: 180_000 }, async () => {
    const { http } = s;
    const hall = await setUpQinshui(http, 6);
    const tablets = await ProtocolTablets.seat(http, hall);
    const keep = (await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '测试票', seats: 10, durationSeconds: 600 })).body.ballot.id as string;
    const junk = (await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '试投票（删除）', seats: 10 })).body.ballot.id as string;

    const con = await consoleScreen(s);
    screens.push(con);
    const { page } = con;
    const ballotUrl = (id: string) => `${s.server.url}/console/#/m/${hall.meetingId}/ballots/${id}`;

    // The list says "15 选 10".
    await page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/ballots`);
    await page.getByTestId(`ballot-link-${keep}`).waitFor();
    expect(await page.getByTestId('rules-summary').first().textContent()).toContain('15 选 10');

    // Delete the test draft, asked first.
    await page.goto(ballotUrl(junk));
    await page.getByTestId('draft-delete').click();
    await page.getByTestId('draft-delete-confirm').click();
    await page.waitForFunction(() => location.hash.endsWith('/ballots'));
    expect((await http.get(`/api/ballots/${junk}`)).status).toBe(404);

    // Edit the other: a new title and 3 places, 5 minutes.
    await page.goto(ballotUrl(keep));
    await page.getByTestId('draft-edit').click();
    await page.locator('#ballot-title').fill('2023年民生实事项目票决');
    await page.locator('#ballot-seats').fill('3');
    await page.locator('#ballot-duration').fill('5');
    await shot(page, 'walk-01-edit-draft.png');
    await page.getByTestId('draft-save').click();
    await expect.poll(async () => (await page.getByTestId('ballot-heading').textContent()) ?? '').toBe('2023年民生实事项目票决');
    expect(await page.getByTestId('rules-summary').textContent()).toContain('15 选 3');
    expect(await page.getByTestId('rules-summary').textContent()).toContain('5 分钟');

    // Open: the first press only asks.
    await page.getByTestId('ballot-open').click();
    await shot(page, 'walk-02-open-confirm.png');
    expect((await http.get(`/api/ballots/${keep}`)).body.ballot.status).toBe('draft');
    await page.getByTestId('ballot-open-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="open"]').waitFor();

    const [first] = hall.candidateIds as [string];
    await tablets.vote(keep, () => ({ [first]: 'for' }), [0]);

    // Unseat the deputy who voted: refused in the row, the electorate unchanged.
    await tab(page, 'checkin');
    await page.getByTestId('only-absent').uncheck();
    const jia = hall.deputies[0]!.id;
    await page.getByTestId(`unseat-${jia}`).click();
    await page.getByTestId(`unseat-${jia}-confirm`).click();
    await page.getByTestId(`unseat-error-${jia}`).waitFor();
    expect(await page.getByTestId(`unseat-error-${jia}`).textContent()).toContain('表决进行中');
    await shot(page, 'walk-03-unseat-refused.png');
    const att = (await http.get(`/api/meetings/${hall.meetingId}/attendance`)).body;
    expect(att).toMatchObject({ seated: 6, present: 6 });

    // Extend: asked, then the deadline moves; the summary counts the extension.
    await page.goto(ballotUrl(keep));
    const deadline = (await http.get(`/api/ballots/${keep}`)).body.ballot.deadlineAt as number;
    await page.locator('#extend-minutes').fill('1');
    await page.getByTestId('extend-submit').click();
    await page.getByTestId('extend-confirm').click();
    await expect.poll(async () => (await http.get(`/api/ballots/${keep}`)).body.ballot.deadlineAt).toBe(deadline + 60_000);
    await expect.poll(async () => (await page.getByTestId('rules-summary').textContent()) ?? '').toContain('时长 6 分钟（5 分钟，延长 1 分钟）');
    await shot(page, 'walk-04-extended.png');
    expect(con.errors).toEqual([]);
    tablets.close();
  });
});
