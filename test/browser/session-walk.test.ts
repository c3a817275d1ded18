import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablet, type WsClient } from '../helpers/ws.ts';
import { consoleScreen, createMeetingUi, HD, openScreen, previewCsv, saveImport, shot, stage, tab, type Screen, type Stage } from './console-driver.ts';

// Issue 13, "done when", in a real Chromium against a real server, without curl for anything the secretariat does:
// accounts for a unit and a scrutineer; the case /work/shared/cases/unseat-mid-ballot imported through the console;
// tablets paired from the codes the 平板 screen shows (still there after a reload), one revoked and re-paired after
// the warning; a ballot opened after confirming; 甲 unseated mid-ballot — refused, the electorate unchanged, so
// close-when-all-voted waits for 丙; announced, the ballot page names the promoted projects; the projector switched
// back to attendance. (The tablets themselves speak the protocol: test/browser/tablet.test.ts drives the page.)
const CASE = '/work/shared/cases/unseat-mid-ballot';
let s: Stage;
const screens: Screen[] = [];
const sockets: WsClient[] = [];
beforeAll(async () => {
  s = await stage();
}, 120_000);
afterAll(async () => {
  for (const c of sockets) c.close();
  for (const x of screens) await x.context.close().catch(() => {});
  await s?.close();
});

describe('a whole session from the console', () => {
  it('accounts, tablets, a ballot with an unseat attempt, announcement and the projector switch', { timeout: 300_000 }, async () => {
    const { http } = s;
    const con = await consoleScreen(s);
    screens.push(con);
    const { page } = con;

    // The meeting and the case's tables, through the import screen.
    const meetingId = await createMeetingUi(page, '测试会议（在册）', '2027-02-21');
    expect(await previewCsv(page, 'roster', readFileSync(`${CASE}/roster.csv`, 'utf8'))).toBe('clean');
    await saveImport(page, 'roster');
    expect(await previewCsv(page, 'candidates', readFileSync(`${CASE}/candidates.csv`, 'utf8'))).toBe('clean');
    await saveImport(page, 'candidates');

    // Accounts: a 责任单位 account (its unit picked from the candidate table) and a scrutineer.
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('accounts-screen').waitFor();
    await page.locator('#acc-username').fill('zhujianju');
    await page.locator('#acc-password').fill('unit-initial-pw');
    await page.locator('#acc-role').selectOption('unit');
    await page.locator('#acc-unit').selectOption('住建局');
    await page.getByTestId('account-submit').click();
    await page.getByTestId('account-zhujianju').waitFor();
    await page.locator('#acc-username').fill('jianpiao1');
    await page.locator('#acc-password').fill('scrutineer-initial');
    await page.locator('#acc-role').selectOption('scrutineer');
    await page.getByTestId('account-submit').click();
    await page.getByTestId('account-jianpiao1').waitFor();
    await shot(page, 'session-01-accounts.png');

    // Tablets: codes for all three, still shown after a reload; each tablet pairs with the code on screen.
    await page.goto(`${s.server.url}/console/#/m/${meetingId}/cards`);
    await page.getByTestId('tablets-table').waitFor();
    await page.getByTestId('cards-issue-all').click();
    await expect.poll(() => page.locator('[data-testid^="tablet-code-"]').count()).toBe(3);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid^="tablet-code-"]').count()).toBe(3);
    await shot(page, 'session-02-codes-after-reload.png');
    const deputies = (await http.get(`/api/meetings/${meetingId}/deputies`)).body.deputies as { id: string; name: string }[];
    const byName = (n: string) => deputies.find((d) => d.name === n)!.id;
    const [jia, yi, bing] = [byName('代表甲'), byName('代表乙'), byName('代表丙')];
    const tokens = new Map<string, string>();
    const pairFromScreen = async (id: string) => {
      const code = (await page.getByTestId(`tablet-code-${id}`).textContent())!;
      const paired = await http.request('POST', '/api/devices/pair', { code }, 'none');
      expect(paired.status).toBe(200);
      tokens.set(id, paired.body.token);
      return paired.body.deviceId as string;
    };
    for (const id of [jia, yi, bing]) await pairFromScreen(id);
    // 丙's tablet is lost: revoked, then a new code after the warning, and the new tablet pairs.
    await page.getByTestId(`tablet-revoke-${bing}`).click();
    await page.getByTestId(`tablet-revoke-${bing}-confirm`).click();
    await expect.poll(() => page.getByTestId(`tablet-paired-${bing}`).textContent()).toBe('—');
    expect((await http.request('GET', '/api/deputy/me', undefined, tokens.get(bing))).status).toBe(401);
    await page.getByTestId(`cards-issue-${bing}`).click();
    await page.getByTestId(`tablet-code-${bing}`).waitFor();
    await pairFromScreen(bing);
    await page.getByTestId(`cards-issue-${jia}`).click();
    await page.getByTestId('tablet-replace-warning').waitFor();
    await shot(page, 'session-03-second-tablet-warning.png');
    await page.getByTestId('tablet-replace-cancel').click();
    for (const id of [jia, yi, bing]) {
      sockets.push(await tablet(s.server.url, tokens.get(id)!));
      expect((await http.request('POST', '/api/deputy/check-in', undefined, tokens.get(id))).status).toBe(201);
    }
    await expect.poll(() => page.locator('[data-testid^="tablet-online-"][data-on="1"]').count(), { timeout: 15_000 }).toBe(3);
    await shot(page, 'session-04-tablets-online.png');

    // The ballot of the case, closing when all have voted; opened after confirming.
    const candidateId = (await http.get(`/api/meetings/${meetingId}/candidates`)).body.candidates[0].id as string;
    await tab(page, 'ballots');
    const ballotId = (await http.post(`/api/meetings/${meetingId}/ballots`, { title: '测试表决', seats: 1, durationSeconds: 600, closeWhenAllVoted: true })).body.ballot.id as string;
    await page.goto(`${s.server.url}/console/#/m/${meetingId}/ballots/${ballotId}`);
    await page.getByTestId('ballot-open').click();
    expect((await http.get(`/api/ballots/${ballotId}`)).body.ballot.status).toBe('draft');
    await page.getByTestId('ballot-open-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="open"]').waitFor();
    const vote = (id: string) => http.request('POST', `/api/deputy/ballots/${ballotId}/papers`, { key: `walk-key-${id}-0000000000`, marks: { [candidateId]: 'for' } }, tokens.get(id));

    // 甲 votes, then the console tries to unseat 甲: refused in the row; 乙's paper does not close the ballot.
    expect((await vote(jia)).status).toBe(201);
    await tab(page, 'checkin');
    await page.getByTestId('only-absent').uncheck();
    await page.getByTestId(`unseat-${jia}`).click();
    await page.getByTestId(`unseat-${jia}-confirm`).click();
    await page.getByTestId(`unseat-error-${jia}`).waitFor();
    await shot(page, 'session-05-unseat-refused.png');
    expect((await vote(yi)).status).toBe(201);
    expect((await http.get(`/api/ballots/${ballotId}`)).body.ballot.status).toBe('open');
    expect((await vote(bing)).status).toBe(201);
    await expect.poll(async () => (await http.get(`/api/ballots/${ballotId}`)).body.ballot.status).toBe('closed');
    const record = (await http.get(`/api/ballots/${ballotId}`)).body;
    expect(record.ballot.closeReason).toBe('all-voted');
    expect((await http.get(`/api/meetings/${meetingId}/attendance`)).body).toMatchObject({ seated: 3, present: 3 });

    // Announced: the page says which projects it promoted.
    await page.goto(`${s.server.url}/console/#/m/${meetingId}/ballots/${ballotId}`);
    await page.getByTestId('ballot-announce').click();
    await page.getByTestId('ballot-announce-confirm').click();
    await page.getByTestId('ballot-promoted').waitFor();
    expect(await page.getByTestId('ballot-promoted').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('ballot-promoted').textContent()).toContain('候选项目1');
    await shot(page, 'session-06-announced-promoted.png');

    // The projector shows the result; the console switches it back to attendance.
    const display = (await http.post(`/api/meetings/${meetingId}/display-tokens`, { label: '主屏' })).body as { token: string };
    const proj = await openScreen(s.browser, `${s.server.url}/projector/?token=${encodeURIComponent(display.token)}`, HD);
    screens.push(proj);
    await proj.page.locator('[data-testid="projector"][data-screen="results"]').waitFor();
    await shot(proj.page, 'session-07-projector-results.png');
    await tab(page, 'projector');
    await page.getByTestId('projector-show-attendance').click();
    await proj.page.locator('[data-testid="projector"][data-screen="attendance"]').waitFor();
    await page.locator('[data-testid="projector-switch"][data-show="attendance"]').waitFor();
    await shot(page, 'session-08-projector-switch.png');
    await shot(proj.page, 'session-09-projector-attendance.png');
    expect((await http.get(`/api/audit?meetingId=${meetingId}&action=projector.switched`)).body.events).toHaveLength(1);

    // The audit log reads: translated actions, details as lines, the full hash on demand.
    await tab(page, 'audit');
    const row = page.locator('[data-action="projector.switched"]').first();
    await row.waitFor();
    const seq = (await row.getAttribute('data-testid'))!.replace('audit-', '');
    expect(await page.getByTestId(`audit-action-${seq}`).textContent()).toBe('切换投影显示');
    expect(await row.textContent()).toContain('show');
    expect(await row.textContent()).not.toContain('{"show"');
    await page.getByTestId(`audit-hash-toggle-${seq}`).click();
    expect(await page.getByTestId(`audit-hash-${seq}`).textContent()).toMatch(/^[0-9a-f]{64}$/);
    await shot(page, 'session-10-audit-log.png');
    expect([...con.errors, ...proj.errors]).toEqual([]);
  });
});
