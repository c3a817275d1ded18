import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AxeLog } from './axe.ts';
import { artifactPath } from './chromium.ts';
import { hallAndConsole, openScreen, ProtocolTablets, shot, useStage } from './console-driver.ts';
import { pairingCode } from './support.ts';

// Issue 19's audit, the states a11y.test.ts does not walk: the accounts screen with accounts and a refused form,
// the tablets screen with codes, a paired tablet, the second-tablet warning and the revoke question, the candidates
// screen and its edit form, the scrutineer key panel and its recovery sheet, the extend question, the paper panel,
// the unseat question and its refusal, the password form refused, and as the scrutineer the paper entry and disputes
// screens — each in Chinese and English. (Not yet: the 启封 form of a sealed ballot.)

const { s, screens } = useStage();
const log = new AxeLog();

/** Audits the page in both languages, switching with its own language button. */
const both = (page: Page, state: string) => log.checkBoth(page, state);

describe('accessibility of the console states the main walk skips', () => {
  it('finds no violation', { timeout: 300_000 }, async () => {
    const { http } = s;
    const { hall, m, cs } = await hallAndConsole(s, screens, 12);
    const { page } = cs;

    // Accounts: a refused form (nothing filled), then a unit account and a disabled one.
    await page.goto(`${s.server.url}/console/#/accounts`);
    await page.getByTestId('accounts-screen').waitFor();
    await page.getByTestId('account-submit').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await both(page, 'accounts refused');
    await page.locator('#acc-username').fill('unit1');
    await page.locator('#acc-password').fill('unit-initial-pw');
    await page.locator('#acc-role').selectOption('unit');
    await page.locator('#acc-unit').selectOption({ index: 1 });
    await page.getByTestId('account-submit').click();
    await page.getByTestId('account-unit1').waitFor();
    await both(page, 'accounts listed');

    // Tablets: codes issued, one paired, the second-tablet warning, the revoke question.
    const d0 = hall.deputies[0]!.id;
    await page.goto(`${m}/cards`);
    await page.getByTestId('tablets-table').waitFor();
    await page.getByTestId('cards-issue-all').click();
    await page.getByTestId(`tablet-code-${d0}`).waitFor();
    const code = (await page.getByTestId(`tablet-code-${d0}`).textContent())!;
    expect((await http.request('POST', '/api/devices/pair', { code }, 'none')).status).toBe(200);
    await page.reload();
    await page.getByTestId(`tablet-revoke-${d0}`).waitFor();
    await both(page, 'tablets listed');
    await page.getByTestId(`cards-issue-${d0}`).click();
    await page.getByTestId('tablet-replace-warning').waitFor();
    await both(page, 'tablets replace warning');
    await page.getByTestId('tablet-replace-cancel').click();
    await page.getByTestId(`tablet-revoke-${d0}`).click();
    await page.getByTestId(`tablet-revoke-${d0}-confirm`).waitFor();
    await both(page, 'tablets revoke question');
    await shot(page, 'a11y-edges-tablets.png');

    // Candidates and the edit form.
    await page.goto(`${m}/candidates`);
    await page.getByTestId('candidates-table').waitFor();
    await both(page, 'candidates');
    await page.getByTestId('candidate-edit-1').click();
    await page.getByTestId('candidate-form').waitFor();
    await both(page, 'candidate edit');

    // Ballots: the scrutineer key panel before a key, then the recovery sheet.
    await page.goto(`${m}/ballots`);
    await page.getByTestId('skey-panel').waitFor();
    await both(page, 'ballots key panel');
    await page.getByTestId('skey-make').click();
    await page.locator('[data-testid="skey-panel"][data-state="sheet"]').waitFor();
    await log.check(page, 'recovery sheet zh');
    await shot(page, 'a11y-edges-sheet.png');

    // An open ballot with paper: the extend question, the paper panel; the unseat question and refusal.
    const codes: string[] = [];
    for (const d of hall.deputies.slice(2, 12)) codes.push(await pairingCode(http, hall.meetingId, d.id));
    const tablets = await ProtocolTablets.pairAndCheckIn(http, codes);
    const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '测试表决', seats: 10, durationSeconds: 900 });
    const ballotId = created.body.ballot.id as string;
    expect((await http.post(`/api/ballots/${ballotId}/open`, {})).status).toBeLessThan(300);
    await page.goto(`${m}/ballots/${ballotId}`);
    await page.locator('[data-testid="ballot-screen"][data-status="open"]').waitFor();
    await page.waitForLoadState('networkidle');
    await both(page, 'ballot open with panels');
    await page.locator('#extend-minutes').fill('');
    await page.getByTestId('extend-submit').click();
    await page.waitForTimeout(300);
    await both(page, 'extend refused');
    await page.locator('#extend-minutes').fill('2');
    await page.getByTestId('extend-submit').click();
    await page.getByTestId('extend-confirm').waitFor();
    await both(page, 'extend question');
    await shot(page, 'a11y-edges-extend.png');
    await page.goto(`${m}/checkin`);
    await page.getByTestId('only-absent').uncheck();
    const d1 = hall.deputies[1]!.id;
    await page.getByTestId(`unseat-${d1}`).click();
    await page.getByTestId(`unseat-${d1}-confirm`).waitFor();
    await both(page, 'unseat question');
    await page.getByTestId(`unseat-${d1}-confirm`).click();
    await page.getByTestId(`unseat-error-${d1}`).waitFor();
    await both(page, 'unseat refused');

    // The password screen with a refusal.
    await page.goto(`${s.server.url}/console/#/password`);
    await page.getByTestId('password-form').waitFor();
    await page.getByTestId('password-submit').click();
    await page.waitForTimeout(300);
    await both(page, 'password refused');

    // As the scrutineer: paper entry and disputes of the open ballot.
    expect((await http.post('/api/accounts', { username: 'jianpiao', password: 'jianpiao-password', role: 'scrutineer' })).status).toBe(201);
    const sc = await openScreen(s.browser, `${s.server.url}/console/`);
    screens.push(sc);
    const sp = sc.page;
    await sp.locator('#login-username').fill('jianpiao');
    await sp.locator('#login-password').fill('jianpiao-password');
    await sp.getByTestId('login-submit').click();
    await sp.getByTestId('meetings-screen').waitFor();
    await sp.goto(`${m}/ballots/${ballotId}/paper-entry`);
    await sp.getByTestId('paper-entry').waitFor();
    await sp.waitForLoadState('networkidle');
    await both(sp, 'paper entry');
    await sp.goto(`${m}/ballots/${ballotId}/paper-disputes`);
    await sp.getByTestId('paper-disputes-screen').waitFor();
    await sp.waitForLoadState('networkidle');
    await both(sp, 'paper disputes (none)');
    tablets.close();
    writeFileSync(artifactPath('a11y-edges-axe.txt'), log.summary().join('\n'));
    expect(log.summary()).toEqual([]);
    expect([...cs.errors, ...sc.errors]).toEqual([]);
  });
});
