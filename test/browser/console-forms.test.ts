import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixtureText, setUpQinshui, type Hall } from '../helpers/hall.ts';
import { auditCount, consoleScreen, openScreen, previewCsv, ProtocolTablets, rosterText, shot, useStage, tab } from './console-driver.ts';

// Issue 4, done when: every console form refuses bad input with the message next to the field — from the
// server's error.issues[].path, or a check of our own — and saves nothing. "Nothing" is checked on the server:
// the audit log (every change the secretariat makes is audited) and the thing the form would have changed.

const { s, screens } = useStage();

async function signedIn(): Promise<Page> {
  const screen = await consoleScreen(s);
  screens.push(screen);
  return screen.page;
}

const errorText = (page: Page, id: string) => page.getByTestId(`error-${id}`).textContent();

/** The error is in the same field box as the control it is about (waits for this message, not an earlier one). */
async function expectBeside(page: Page, field: string, text: string): Promise<void> {
  const box = page.getByTestId(`field-${field}`);
  await expect.poll(async () => ((await box.getByTestId(`error-${field}`).count()) ? await box.getByTestId(`error-${field}`).textContent() : '')).toContain(text);
  expect(await box.locator(`#${field}`).count()).toBe(1);
}

async function hallWithQuorum(present = 21): Promise<Hall & { tablets: ProtocolTablets }> {
  const hall = await setUpQinshui(s.http, 30);
  return { ...hall, tablets: await ProtocolTablets.seat(s.http, hall, present) };
}

describe('console forms refuse bad input beside the field and save nothing', () => {
  it('sign-in: required fields, a wrong password; English on one press', async () => {
    const screen = await openScreen(s.browser, `${s.server.url}/console/`);
    screens.push(screen);
    const { page } = screen;
    await page.getByTestId('login-submit').click();
    await expectBeside(page, 'login-username', '必填');
    await expectBeside(page, 'login-password', '必填');
    await page.locator('#login-username').fill('admin');
    await page.locator('#login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expectBeside(page, 'login-password', '用户名或密码错误');
    expect(await page.getByTestId('meetings-screen').count()).toBe(0);
    await shot(page, 'console-forms-01-login.png');
    await page.getByTestId('lang-toggle').click();
    expect(await page.getByTestId('login-submit').textContent()).toBe('Sign in');
    await page.getByTestId('lang-toggle').click();
    expect(await page.getByTestId('login-submit').textContent()).toBe('登录');
    expect(screen.errors).toEqual([]);
  });

  it('meeting: a missing name, an impossible date (the server’s check), nothing created', async () => {
    const page = await signedIn();
    const before = await auditCount(s.http);
    const meetings = (await s.http.get('/api/meetings')).body.meetings.length;
    await page.getByTestId('meeting-create').click();
    await expectBeside(page, 'meeting-name', '必填');
    await expectBeside(page, 'meeting-date', 'YYYY-MM-DD');
    await page.locator('#meeting-name').fill('测试会议');
    await page.locator('#meeting-date').fill('2023-13-45');
    await page.getByTestId('meeting-create').click();
    await expectBeside(page, 'meeting-date', '请按 YYYY-MM-DD 填写有效日期');
    expect(await page.getByTestId('error-meeting-name').count()).toBe(0);
    await shot(page, 'console-forms-02-meeting.png');
    expect((await s.http.get('/api/meetings')).body.meetings.length).toBe(meetings);
    expect(await auditCount(s.http)).toBe(before);
  });

  it('imports: empty text, problems by row and column, a stale preview — nothing saved', async () => {
    const meeting = (await s.http.post('/api/meetings', { name: '导入测试', date: '2023-02-21' })).body.meeting.id as string;
    const page = await signedIn();
    await page.goto(`${s.server.url}/console/#/m/${meeting}/import`);
    await page.getByTestId('import-screen').waitFor();
    const before = await auditCount(s.http);

    await page.getByTestId('import-roster-preview').click();
    await expectBeside(page, 'import-roster-csv', '请粘贴 CSV 内容或选择文件');

    // A roster whose 3rd row has no delegation and whose 4th repeats a seat.
    const bad = '姓名,代表团,座位号\n张三,县直,1排01座\n李四,,1排02座\n王五,县直,1排01座\n';
    expect(await previewCsv(page, 'roster', bad)).toBe('problems');
    const problems = page.getByTestId('import-roster-problem');
    expect(await problems.count()).toBe(2);
    expect([await problems.nth(0).getAttribute('data-row'), await problems.nth(0).getAttribute('data-column')]).toEqual(['3', '代表团']);
    expect([await problems.nth(1).getAttribute('data-row'), await problems.nth(1).getAttribute('data-column')]).toEqual(['4', '座位号']);
    expect(await problems.nth(0).textContent()).toContain('不能为空');
    expect(await page.locator('#import-roster-cell-3-1').getAttribute('data-problem')).toBe('0');
    expect(await page.locator('#import-roster-cell-4-2').getAttribute('data-problem')).toBe('1');
    expect(await page.getByTestId('import-roster-save').isDisabled()).toBe(true);

    // A candidate table with its columns cut off: every missing column named, on row 1.
    const fixture = fixtureText('qinshui-2023-candidates.csv').replace(/^\uFEFF/, '');
    const cut = fixture.split('\n')[0]!.split(',').slice(0, 2).join(',') + '\n1,口袋公园建设项目\n';
    expect(await previewCsv(page, 'candidates', cut)).toBe('problems');
    const missing = page.getByTestId('import-candidates-problem');
    expect(await missing.count()).toBeGreaterThanOrEqual(5);
    expect(await missing.nth(0).getAttribute('data-row')).toBe('1');
    expect(await missing.nth(0).textContent()).toContain('缺少此列');
    expect(await page.getByTestId('import-candidates-save').isDisabled()).toBe(true);
    await page.getByTestId('import-roster-panel').scrollIntoViewIfNeeded();
    await shot(page, 'console-forms-03-import.png');

    // A clean preview, then an edit: the preview no longer matches the text, so it cannot be saved.
    expect(await previewCsv(page, 'roster', rosterText(6))).toBe('clean');
    expect(await page.getByTestId('import-roster-save').isEnabled()).toBe(true);
    await page.getByTestId('import-roster-text').fill(`${rosterText(6)}赵六,县直,9排09座,QS9999\n`);
    expect(await page.getByTestId('import-roster-save').isDisabled()).toBe(true);

    expect((await s.http.get(`/api/meetings/${meeting}/deputies`)).body.deputies).toHaveLength(0);
    expect((await s.http.get(`/api/meetings/${meeting}/candidates`)).body.candidates).toHaveLength(0);
    expect(await auditCount(s.http)).toBe(before);
  });

  it('ballot: no title, more places than candidates, too short, no candidates — no ballot', async () => {
    const hall = await setUpQinshui(s.http, 30);
    const page = await signedIn();
    await page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/ballots`);
    await page.getByTestId('ballot-new').click();
    await page.getByTestId('ballot-form').waitFor();
    const before = await auditCount(s.http);

    await page.getByTestId('ballot-create').click();
    await expectBeside(page, 'ballot-title', '必填');
    await page.locator('#ballot-title').fill('票决');
    await page.locator('#ballot-seats').fill('20');
    await page.getByTestId('ballot-create').click();
    await expectBeside(page, 'ballot-seats', '名额多于候选项目数（15）');
    await page.locator('#ballot-seats').fill('10');
    await page.locator('#ballot-duration').fill('0.1');
    await page.getByTestId('ballot-create').click();
    await expectBeside(page, 'ballot-duration', '至少 10 秒');
    expect(await page.getByTestId('error-ballot-seats').count()).toBe(0);
    await page.locator('#ballot-duration').fill('10');
    await page.getByTestId('ballot-cap-mode').selectOption('number');
    await page.locator('#ballot-cap-number').fill('0');
    await page.getByTestId('ballot-create').click();
    await expectBeside(page, 'ballot-cap', '不能小于 1');
    await shot(page, 'console-forms-04-ballot.png');
    await page.getByTestId('ballot-cap-mode').selectOption('seats');
    await page.getByRole('button', { name: '全不选' }).click();
    await page.getByTestId('ballot-create').click();
    expect(await errorText(page, 'ballot-candidates')).toContain('至少选择一个候选项目');

    expect((await s.http.get(`/api/meetings/${hall.meetingId}/ballots`)).body.ballots).toHaveLength(0);
    expect(await auditCount(s.http)).toBe(before);
  });

  it('manual check-in: a note that is too long — nobody checked in', async () => {
    const hall = await setUpQinshui(s.http, 30);
    const page = await signedIn();
    await page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/checkin`);
    const deputy = hall.deputies[0]!;
    await page.getByTestId(`manual-${deputy.id}`).click();
    const before = await auditCount(s.http);
    await page.locator(`#checkin-note-${deputy.id}`).fill('核'.repeat(201));
    await page.getByTestId(`manual-submit-${deputy.id}`).click();
    await expectBeside(page, `checkin-note-${deputy.id}`, '至多 200 个字符');
    await shot(page, 'console-forms-05-checkin.png');
    expect((await s.http.get(`/api/meetings/${hall.meetingId}/attendance`)).body.present).toBe(0);
    expect(await auditCount(s.http)).toBe(before);
  });

  it('extend: too little, too much — the deadline stays', async () => {
    const hall = await hallWithQuorum();
    const ballot = (await s.http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 600 })).body.ballot.id as string;
    expect((await s.http.post(`/api/ballots/${ballot}/open`)).status).toBe(200);
    const deadline = (await s.http.get(`/api/ballots/${ballot}`)).body.ballot.deadlineAt as number;
    const page = await signedIn();
    await page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/ballots/${ballot}`);
    await page.getByTestId('extend-form').waitFor();
    const before = await auditCount(s.http);
    await page.locator('#extend-minutes').fill('0.1');
    await page.getByTestId('extend-submit').click();
    await page.getByTestId('extend-confirm').click();
    await expectBeside(page, 'extend-minutes', '至少 10 秒');
    await page.locator('#extend-minutes').fill('90');
    await page.getByTestId('extend-submit').click();
    await page.getByTestId('extend-confirm').click();
    await expectBeside(page, 'extend-minutes', '每次至多延长 1 小时');
    await page.locator('#extend-minutes').fill('两分钟');
    await page.getByTestId('extend-submit').click();
    await expectBeside(page, 'extend-minutes', '请填写数字');
    await shot(page, 'console-forms-06-extend.png');
    expect((await s.http.get(`/api/ballots/${ballot}`)).body.ballot.deadlineAt).toBe(deadline);
    expect(await auditCount(s.http)).toBe(before);

    // A good one moves the countdown.
    await page.locator('#extend-minutes').fill('2');
    await page.getByTestId('extend-submit').click();
    expect(await page.getByTestId('extend-question').textContent()).toContain('2 分钟');
    expect((await s.http.get(`/api/ballots/${ballot}`)).body.ballot.deadlineAt).toBe(deadline);
    await page.getByTestId('extend-confirm').click();
    await expect.poll(async () => (await s.http.get(`/api/ballots/${ballot}`)).body.ballot.deadlineAt).toBe(deadline + 120_000);
    expect(await page.getByTestId('error-extend-minutes').count()).toBe(0);
    hall.tablets.close();
  });

  it('presidium decision: the wrong number of tied candidates — nothing recorded; then the right one', async () => {
    const hall = await hallWithQuorum(20);
    const [a, b, c] = hall.candidateIds as [string, string, string];
    const ballot = (
      await s.http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '3选2', candidateIds: [a, b, c], seats: 2, threshold: 'none', ties: 'presidium', durationSeconds: 600 })
    ).body.ballot.id as string;
    await s.http.post(`/api/ballots/${ballot}/open`);
    await hall.tablets.vote(ballot, (i) => (i % 2 ? { [a]: 'for', [b]: 'for' } : { [a]: 'for', [c]: 'for' }));
    await s.http.post(`/api/ballots/${ballot}/close`);
    const page = await signedIn();
    await page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/ballots/${ballot}`);
    await page.getByTestId('presidium-form').waitFor();
    expect(await page.getByTestId('note-tie').textContent()).toContain('由主席团决定');
    const before = await auditCount(s.http);

    await page.getByTestId('presidium-submit').click();
    expect(await errorText(page, 'presidium-selected')).toContain('请选择 1 个项目');
    await page.getByTestId(`presidium-pick-${b}`).check();
    await page.getByTestId(`presidium-pick-${c}`).check();
    await page.getByTestId('presidium-submit').click();
    await expect.poll(() => errorText(page, 'presidium-selected')).toContain('请从并列项目中恰好选择 1 个');
    await shot(page, 'console-forms-07-presidium.png');
    expect((await s.http.get(`/api/ballots/${ballot}`)).body.ballot.presidiumDecision).toBeNull();
    expect(await auditCount(s.http)).toBe(before);

    await page.getByTestId(`presidium-pick-${c}`).uncheck();
    await page.locator('#presidium-note').fill('主席团第三次会议决定');
    await page.getByTestId('presidium-submit').click();
    await page.getByTestId('presidium-recorded').waitFor();
    expect((await s.http.get(`/api/ballots/${ballot}`)).body.ballot.presidiumDecision).toEqual([b]);
    expect(await page.getByTestId('combined-selection').getAttribute('data-ids')).toBe(`${a},${b}`);
    hall.tablets.close();
  });

  it('audit filter and projector label: out-of-range values are named beside their fields', async () => {
    const meeting = (await s.http.post('/api/meetings', { name: '审计测试', date: '2023-02-21' })).body.meeting.id as string;
    const page = await signedIn();
    await page.goto(`${s.server.url}/console/#/m/${meeting}/audit`);
    await expect.poll(() => page.getByTestId('chain-status').getAttribute('data-ok')).toBe('true');
    const shown = await page.getByTestId('audit-count').getAttribute('data-count');
    await page.locator('#audit-limit').fill('5000');
    await page.getByTestId('audit-apply').click();
    await expectBeside(page, 'audit-limit', '不能大于 1000');
    await page.locator('#audit-after').fill('abc');
    await page.locator('#audit-limit').fill('100');
    await page.getByTestId('audit-apply').click();
    await expectBeside(page, 'audit-after', '请填写数字');
    expect(await page.getByTestId('audit-count').getAttribute('data-count')).toBe(shown);
    await shot(page, 'console-forms-08-audit.png');

    await tab(page, 'projector');
    const before = await auditCount(s.http);
    await page.locator('#display-label').fill('屏'.repeat(101));
    await page.getByTestId('display-token-create').click();
    await expectBeside(page, 'display-label', '至多 100 个字符');
    expect(await page.getByTestId('projector-url').count()).toBe(0);
    expect(await auditCount(s.http)).toBe(before);
    await shot(page, 'console-forms-09-projector-label.png');
  });

  it('left no uncaught error in any page', () => {
    for (const x of screens) expect(x.errors).toEqual([]);
  });
});
