import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpQinshui, type Hall } from '../helpers/hall.ts';
import { consoleAt, shot, stage, type Screen, type Stage } from './console-driver.ts';

// The secretariat is told that someone guesses pairing codes (issue 12): in a real Chromium against a real server,
// a guesser on three addresses spends the network's budget of wrong codes; the 平板与配对码 screen then warns, in
// Chinese and in English, with the count and the guesser's addresses; a tablet on a fresh address still pairs.
// The server believes X-Forwarded-For from loopback (TRUST_PROXY), so the test's one machine can be many addresses.
let s: Stage;
const screens: Screen[] = [];
let hall: Hall;
beforeAll(async () => {
  s = await stage({ env: { TRUST_PROXY: '127.0.0.1' } });
  hall = await setUpQinshui(s.http, 12);
}, 120_000);
afterAll(async () => {
  for (const x of screens) await x.context.close().catch(() => {});
  await s?.close();
});

const pair = async (code: string, address: string) =>
  (await fetch(`${s.server.url}/api/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ code }) })).status;

describe('pairing-code guessing on the tablets screen', () => {
  it('warns while the budget of wrong codes is spent, naming the guesser\'s addresses; a fresh tablet still pairs', async () => {
    const screen = await consoleAt(s, screens, `/m/${hall.meetingId}/cards`, 'tablets-table');
    const { page } = screen;
    expect(await page.getByTestId('pairing-guessing').count()).toBe(0);
    const guesser = ['192.168.1.201', '192.168.1.202', '192.168.1.203'];
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push(await pair(`9${String(i).padStart(7, '0')}`, guesser[i % 3]!));
    expect(statuses.filter((c) => c === 409)).toHaveLength(20);
    expect(statuses.slice(20).every((c) => c === 429)).toBe(true);
    // A deputy's tablet on a fresh address pairs all the same.
    const deputyId = (await page.locator('[data-testid^="tablet-row-"]').first().getAttribute('data-testid'))!.replace('tablet-row-', '');
    const issued = await s.http.post(`/api/meetings/${hall.meetingId}/deputies/${deputyId}/pairing-code`, {});
    expect(issued.status).toBe(201);
    expect(await pair(issued.body.code, '192.168.1.50')).toBe(200);

    const warning = page.getByTestId('pairing-guessing');
    await warning.waitFor({ timeout: 15_000 });
    const text = (await warning.textContent())!;
    expect(text).toContain('有人在猜配对码');
    expect(text).toContain('共有 20 个错误配对码');
    for (const a of guesser) expect(text).toContain(a);
    expect(text).not.toContain('192.168.1.50');
    await warning.scrollIntoViewIfNeeded();
    await shot(page, 'pairing-guessing-zh.png');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => warning.textContent()).toContain('Someone is guessing pairing codes');
    expect(await warning.textContent()).toContain('20 wrong pairing codes in the last 10 minutes: the limit per minute was reached');
    await shot(page, 'pairing-guessing-en.png');
    await page.getByTestId('lang-toggle').click();
    expect(screen.errors).toEqual([]);
  }, 180_000);
});
