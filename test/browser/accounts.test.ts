import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../helpers/hall.ts';
import { consoleScreen, openScreen, shot, type Stage, useStage } from './console-driver.ts';

// The accounts screen and the forced password change, in a real Chromium against a real server (issue 13):
// the admin creates a 责任单位 account (unit picked from the candidate tables) and a scrutineer account with a
// one-time password; the scrutineer must change it before any other screen; the admin disables an account.
const { s } = useStage();
beforeAll(async () => {
  const meeting = await s.http.post('/api/meetings', { name: '账号测试会议', date: '2023-02-21' });
  const imported = await s.http.post(`/api/meetings/${meeting.body.meeting.id}/candidates/import`, JSON.parse(fixtureText('qinshui-2023-candidates.json')));
  expect(imported.status).toBe(201);
}, 120_000);

describe('accounts screen', () => {
  it('creates a unit and a scrutineer account; the one-time password must be changed first', async () => {
    const admin = await consoleScreen(s);
    const { page } = admin;
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('accounts-screen').waitFor();

    await page.locator('#acc-username').fill('danwei1');
    await page.locator('#acc-password').fill('unit-initial-pw');
    await page.locator('#acc-role').selectOption('unit');
    const options = await page.locator('#acc-unit option').allTextContents();
    expect(options.length).toBeGreaterThan(2);
    const unit = options[1]!.replace(/^⚠ /, '');
    await page.locator('#acc-unit').selectOption(unit);
    await shot(page, 'accounts-unit-form.png');
    await page.getByTestId('account-submit').click();
    await page.getByTestId('account-danwei1').waitFor();
    expect(await page.getByTestId('account-danwei1').textContent()).toContain(unit);

    await page.locator('#acc-username').fill('jianpiao1');
    await page.locator('#acc-password').fill('scrutineer-initial');
    await page.locator('#acc-role').selectOption('scrutineer');
    await page.getByTestId('account-submit').click();
    await page.getByTestId('account-jianpiao1').waitFor();
    expect(await page.getByTestId('account-jianpiao1').textContent()).toContain('待修改初始密码');
    await shot(page, 'accounts-list.png');

    // The scrutineer signs in: only the password form, until it is changed.
    const other = await openScreen(s.browser, `${s.server.url}/console/`);
    const p2 = other.page;
    await p2.locator('#login-username').fill('jianpiao1');
    await p2.locator('#login-password').fill('scrutineer-initial');
    await p2.getByTestId('login-submit').click();
    await p2.getByTestId('password-forced').waitFor();
    await shot(p2, 'accounts-forced-password.png');
    await p2.locator('#pw-current').fill('scrutineer-initial');
    await p2.locator('#pw-new').fill('my-own-password-1');
    await p2.locator('#pw-repeat').fill('my-own-password-1');
    await p2.getByTestId('password-submit').click();
    await p2.getByTestId('meetings-screen').waitFor();

    // The admin disables the unit account: its sign-in is refused with the translated code.
    await page.getByTestId('account-toggle-danwei1').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="account-danwei1"]')?.textContent?.includes('已停用'));
    const third = await openScreen(s.browser, `${s.server.url}/console/`);
    await third.page.locator('#login-username').fill('danwei1');
    await third.page.locator('#login-password').fill('unit-initial-pw');
    await third.page.getByTestId('login-submit').click();
    await third.page.getByText('该账号已停用').waitFor();
    expect([...admin.errors, ...other.errors, ...third.errors]).toEqual([]);
    for (const x of [admin, other, third]) await x.context.close();
  }, 120_000);
});
