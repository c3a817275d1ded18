import { describe, expect, it } from 'vitest';
import { setUpQinshui } from '../helpers/hall.ts';
import { startServer } from '../helpers/process.ts';
import { freePort, HD, openScreen, ProtocolTablets, shot, UHD, useStage } from './console-driver.ts';

// Issue 4, the projector: no controls; between ballots 应到/实到/法定人数; during one its title, countdown and
// turnout, never partial results; a reload lands in the same state; after a server restart it reconnects by
// itself; a missing or revoked display token says so.

let port: number;
const { s, screens } = useStage(async () => ({ port: (port = await freePort()) }));

describe('the projector', () => {
  it('follows the hall, survives a reload and a server restart, and never shows partial results', { timeout: 180_000 }, async () => {
    const { http } = s;
    const hall = await setUpQinshui(http, 30);
    const tablets = await ProtocolTablets.seat(http, hall, 21);
    const display = (await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '左屏' })).body as { id: string; token: string };
    const url = `${s.server.url}/projector/?token=${encodeURIComponent(display.token)}`;
    const proj = await openScreen(s.browser, url, HD);
    screens.push(proj);
    const page = proj.page;

    // Between ballots: attendance and the quorum, large; no buttons anywhere.
    await page.locator('[data-testid="projector"][data-screen="attendance"][data-conn="online"]').waitFor();
    expect(await page.getByTestId('projector-present').getAttribute('data-value')).toBe('21');
    expect(await page.getByTestId('projector-required').getAttribute('data-value')).toBe('20');
    expect(await page.locator('button, input, select, a').count()).toBe(0);
    const fontPx = await page.locator('.att-value').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(150);
    await page.setViewportSize(UHD);
    expect(await page.locator('.att-value').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeCloseTo(fontPx * 2, 0);
    await shot(page, 'projector-07-attendance-4k.png');
    await page.setViewportSize(HD);

    // A ballot opens: title, countdown, turnout as papers arrive.
    const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '2023年民生实事项目票决', seats: 10, durationSeconds: 900 });
    const ballot = created.body.ballot.id as string;
    await http.post(`/api/ballots/${ballot}/open`);
    await page.locator(`[data-testid="projector-ballot"][data-ballot-id="${ballot}"]`).waitFor();
    expect(await page.locator('.countdown-value').textContent()).toMatch(/^1[45]:[0-5]\d$/);
    const ids = hall.candidateIds;
    const marks = () => Object.fromEntries(ids.slice(0, 10).map((id) => [id, 'for']));
    await tablets.vote(ballot, marks, [...Array(12).keys()]);
    await expect.poll(() => page.getByTestId('projector-turnout').getAttribute('data-voted')).toBe('12');
    expect(await page.getByTestId('projector-turnout').getAttribute('data-present')).toBe('21');
    expect(await page.getByTestId('projector').textContent()).not.toMatch(/赞成|反对|弃权/);

    // A reload lands on the same ballot, countdown and turnout.
    await page.reload();
    await page.locator(`[data-testid="projector-ballot"][data-ballot-id="${ballot}"]`).waitFor();
    await expect.poll(() => page.getByTestId('projector-turnout').getAttribute('data-voted')).toBe('12');
    expect(await page.locator('.countdown-value').textContent()).toMatch(/^1[45]:[0-5]\d$/);

    // The server goes down: the projector says so, and comes back by itself to the same open ballot.
    tablets.close();
    await s.server.stop();
    await page.getByTestId('projector-offline').waitFor({ timeout: 20_000 });
    await shot(page, 'projector-08-offline.png');
    s.server = await startServer({ dataDir: s.dataDir, env: { PORT: String(port) } });
    await page.locator('[data-testid="projector"][data-screen="ballot"][data-conn="online"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('projector-offline').count()).toBe(0);
    expect(await page.getByTestId('projector-turnout').getAttribute('data-voted')).toBe('12');

    // Closed: counting, still no numbers. Announced: the chart.
    expect((await http.post(`/api/ballots/${ballot}/close`)).status).toBe(200);
    await page.locator('[data-testid="projector"][data-screen="counting"]').waitFor();
    expect(await page.getByTestId('projector-chart').count()).toBe(0);
    expect(await page.getByTestId('projector').textContent()).not.toMatch(/赞成票/);
    expect((await http.post(`/api/ballots/${ballot}/announce`)).status).toBe(200);
    await page.locator(`[data-testid="projector-results"][data-ballot-id="${ballot}"]`).waitFor();
    const tally = (await http.get(`/api/ballots/${ballot}/tally`)).body.tally as { candidates: { id: string; counts: { for?: number } }[] };
    for (const c of tally.candidates) expect(await page.getByTestId(`bar-${c.id}`).getAttribute('data-count')).toBe(String(c.counts.for ?? 0));
    await page.reload();
    await page.locator(`[data-testid="projector-results"][data-ballot-id="${ballot}"]`).waitFor();

    // A revoked token stops working at the next connection; a missing one says where to get one.
    expect((await http.post(`/api/display-tokens/${display.id}/revoke`)).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId('projector-message').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('projector-message').textContent()).toContain('无效或已撤销');
    await page.goto(`${s.server.url}/projector/`);
    expect(await page.getByTestId('projector-message').textContent()).toContain('缺少显示令牌');
    expect(proj.errors).toEqual([]);
  });
});
