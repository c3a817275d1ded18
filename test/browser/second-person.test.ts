import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairTablets, setUpQinshui, type Hall } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { startServer, type ServerProcess } from '../helpers/process.ts';
import { launchChromium } from './chromium.ts';
import { ADMIN_PASSWORD, LAPTOP, shot } from './console-driver.ts';

// Issue 12, "operators can vote as absent deputies", in the console (test/one-tablet.test.ts holds the same rules
// over HTTP): once voting has begun, the operator's re-pairing of a deputy's tablet gives no code, only a pending
// request; a scrutineer, signed in on their own console, confirms it there and gets the code to hand over in
// person; the deputy's old tablet is revoked; 全部平板 lists every tablet of the deputy with who confirmed it,
// revokes one, and voids every unused code in one action.

const SCRUTINEER = { username: 'jianpiao1', password: 'jianpiao1-password' };
let dir: string;
let server: ServerProcess;
let browser: Browser;
let http: Http;
let hall: Hall;
let oldToken: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-second-person-'));
  server = await startServer({ dataDir: path.join(dir, 'data') });
  http = new Http(server.url);
  await http.login('admin', ADMIN_PASSWORD);
  hall = await setUpQinshui(http, 3);
  const tokens = await pairTablets(http, hall.meetingId, [hall.deputies[0]!.id, hall.deputies[1]!.id]);
  for (const token of tokens) expect((await http.post('/api/deputy/check-in', {}, token)).status).toBe(201);
  oldToken = tokens[0]!;
  expect((await http.post('/api/accounts', { ...SCRUTINEER, role: 'scrutineer' })).status).toBe(201);
  const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 1800, secret: false });
  const opened = await http.post(`/api/ballots/${created.body.ballot.id}/open`);
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function consoleAs(username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${server.url}/console/`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('meetings-screen').waitFor();
  await page.goto(`${server.url}/console/#/m/${encodeURIComponent(hall.meetingId)}/cards`);
  await page.getByTestId('approvals-panel').waitFor();
  return page;
}

describe('the second person, in the console', () => {
  it('a re-pairing after the opening waits for the scrutineer, who confirms it on their console; every tablet is listed', { timeout: 180_000 }, async () => {
    const deputy = hall.deputies[0]!;
    const operator = await consoleAs('admin', ADMIN_PASSWORD);
    await operator.getByTestId(`cards-issue-${deputy.id}`).click();
    await operator.getByTestId('tablet-replace-warning').waitFor();
    await operator.getByTestId('tablet-replace-confirm').click();
    // No code for the operator: a pending request, which the operator cannot decide.
    await expect.poll(() => operator.getByTestId('tablets-failure').textContent()).toContain(`${deputy.name} 的申请已提交，待监票人确认`);
    const pending = (await http.get(`/api/meetings/${hall.meetingId}/approvals?status=pending`)).body.approvals as { id: string; deputyName: string }[];
    expect(pending.map((a) => a.deputyName)).toEqual([deputy.name]);
    const approvalId = pending[0]!.id;
    const row = operator.getByTestId(`approval-${approvalId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('重新配对平板');
    expect(await operator.getByTestId(`approval-approve-${approvalId}`).count()).toBe(0);
    expect(await operator.getByTestId(`card-${deputy.id}`).count()).toBe(0);
    await shot(operator, 'second-person-pending.png');

    // The scrutineer confirms on their own console and is shown the code once.
    const scrutineer = await consoleAs(SCRUTINEER.username, SCRUTINEER.password);
    await scrutineer.getByTestId(`approval-approve-${approvalId}`).click();
    const message = scrutineer.getByTestId('approvals-message');
    await message.waitFor();
    const code = /(\d{8})/.exec((await message.textContent())!)?.[1];
    expect(code, (await message.textContent())!).toBeDefined();
    expect(await message.textContent()).toContain(`${deputy.name} 的新配对码`);
    await shot(scrutineer, 'second-person-approved.png');

    // The new tablet pairs with it; the old one is revoked.
    const paired = await http.request('POST', '/api/devices/pair', { code }, 'none');
    expect(paired.status).toBe(200);
    expect((await http.get('/api/deputy/me', oldToken)).status).toBe(401);

    // The scrutineer reads 全部平板 too (no codes, no buttons that change anything), not the operators' code list.
    await scrutineer.reload();
    await expect.poll(() => scrutineer.getByTestId(`device-${paired.body.deviceId}`).getAttribute('data-state')).toBe('paired');
    expect(await scrutineer.getByTestId(`device-${paired.body.deviceId}`).textContent()).toContain(SCRUTINEER.username);
    expect(await scrutineer.getByTestId(`device-revoke-${paired.body.deviceId}`).isDisabled()).toBe(true);
    expect(await scrutineer.getByTestId('tablets-table').count()).toBe(0);
    await shot(scrutineer, 'second-person-scrutineer-devices.png');

    // 全部平板: both tablets of the deputy, the new one with its scrutineer; revoke it from there.
    await operator.reload();
    const table = operator.getByTestId('devices-table');
    await table.waitFor();
    const oldRow = (await http.get(`/api/meetings/${hall.meetingId}/devices`)).body.devices.find((d: { deputyId: string; state: string }) => d.deputyId === deputy.id && d.state === 'revoked');
    expect(await operator.getByTestId(`device-${oldRow.id}`).getAttribute('data-state')).toBe('revoked');
    const newRow = operator.getByTestId(`device-${paired.body.deviceId}`);
    expect(await newRow.getAttribute('data-state')).toBe('paired');
    expect(await newRow.textContent()).toContain(SCRUTINEER.username);
    await shot(operator, 'second-person-devices.png');
    await operator.getByTestId(`device-revoke-${paired.body.deviceId}`).click();
    await operator.getByTestId(`device-revoke-${paired.body.deviceId}-confirm`).click();
    await expect.poll(() => newRow.getAttribute('data-state')).toBe('revoked');
    expect((await http.get('/api/deputy/me', paired.body.token)).status).toBe(401);

    // A first pairing after the opening needs no second person (it is listed on the report instead); every
    // unused code is voided in one action, and the voided code no longer pairs.
    const absent = hall.deputies[2]!;
    await operator.getByTestId(`cards-issue-${absent.id}`).click();
    const card = operator.getByTestId(`card-${absent.id}`);
    await card.waitFor();
    const unused = (await card.getAttribute('data-code'))!;
    await operator.getByTestId('devices-void').click();
    await operator.getByTestId('devices-void-confirm').click();
    await expect.poll(() => operator.getByTestId('devices-notice').textContent()).toBe('已作废 1 个配对码');
    const refused = await http.request('POST', '/api/devices/pair', { code: unused }, 'none');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('pairing_code_invalid');
  });
});
