import { describe, expect, it } from 'vitest';
import type { Tally } from '../../shared/record.ts';
import { setUpQinshui } from '../helpers/hall.ts';
import { consoleScreen, HD, openScreen, ProtocolTablets, shot, useStage } from './console-driver.ts';

// Issue 4, done when: a tie at the cut (3 candidates for 2 places, no threshold) is settled by a run-off the
// console creates with one click; the run-off is opened, voted and announced from the console, and the projector
// shows the selection of both rounds together.

const { s, screens } = useStage();

describe('a tie at the cut, settled by a run-off', () => {
  it('is run from the console and the projector shows the combined selection', { timeout: 180_000 }, async () => {
    const { http } = s;
    const hall = await setUpQinshui(http, 30);
    const tablets = await ProtocolTablets.seat(http, hall, 21);
    const [a, b, c] = hall.candidateIds as [string, string, string];

    // Round 1: A for all; B and C ten each — tied for the second place.
    const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, {
      title: '追加项目票决（3选2）', candidateIds: [a, b, c], seats: 2, maxApprovals: 2, threshold: 'none', durationSeconds: 600,
    });
    expect(created.status).toBe(201);
    const first = created.body.ballot.id as string;
    expect((await http.post(`/api/ballots/${first}/open`)).status).toBe(200);
    const token = (await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '主会场' })).body.token as string;
    const proj = await openScreen(s.browser, `${s.server.url}/projector/?token=${encodeURIComponent(token)}&cycle=4`, HD);
    screens.push(proj);
    await proj.page.locator('[data-testid="projector"][data-screen="ballot"]').waitFor();
    await tablets.vote(first, (i) => (i < 10 ? { [a]: 'for', [b]: 'for', [c]: 'against' } : i < 20 ? { [a]: 'for', [c]: 'for', [b]: 'against' } : { [a]: 'for' }));

    // ---- the console closes and reviews: the tie is named, the run-off is one click away ----
    const con = await consoleScreen(s);
    screens.push(con);
    const page = con.page;
    await page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/ballots/${first}`);
    await page.locator('[data-testid="ballot-screen"][data-status="open"]').waitFor();
    await expect.poll(() => page.getByTestId('turnout').getAttribute('data-voted')).toBe('21');
    await page.getByTestId('ballot-close').click();
    await page.getByTestId('ballot-close-confirm').click();
    await page.getByTestId('results-panel').waitFor();
    const round1 = (await http.get(`/api/ballots/${first}/tally`)).body.tally as Tally;
    expect(round1.selected).toEqual([a]);
    expect(round1.tie).toEqual({ candidates: [b, c], places: 1, resolution: 'runoff' });
    expect(await page.getByTestId('note-tie').textContent()).toContain('再次投票');
    expect(await page.getByTestId(`tally-row-${b}`).getAttribute('data-for')).toBe('10');
    expect(await page.getByTestId(`tally-row-${c}`).getAttribute('data-for')).toBe('10');
    await shot(page, 'runoff-01-console-tie.png');

    // Announce round 1: the projector shows the tie, not a winner for the second place.
    await page.getByTestId('ballot-announce').click();
    await page.getByTestId('ballot-announce-confirm').click();
    await proj.page.locator(`[data-testid="projector-results"][data-ballot-id="${first}"][data-phase="chart"]`).waitFor();
    expect(await proj.page.getByTestId(`bar-${b}`).getAttribute('data-count')).toBe('10');
    expect(await proj.page.getByTestId(`bar-row-${b}`).getAttribute('data-selected')).toBe('false');
    expect(await proj.page.getByTestId('projector-chart').getAttribute('data-threshold')).toBe('');
    await shot(proj.page, 'runoff-02-projector-round1.png');

    // ---- one click: the run-off among B and C for the one place left ----
    await page.getByTestId('runoff-create').click();
    await page.locator('[data-testid="ballot-screen"][data-status="draft"]').waitFor();
    const runoff = (await page.getByTestId('ballot-screen').getAttribute('data-ballot-id'))!;
    expect(runoff).not.toBe(first);
    const detail = (await http.get(`/api/ballots/${runoff}`)).body;
    expect(detail.ballot).toMatchObject({ runoffOf: first, seats: 1, maxApprovals: 1, threshold: 'none', status: 'draft' });
    expect(detail.candidates.map((x: { id: string }) => x.id)).toEqual([b, c]);
    await page.getByTestId('ballot-open').click();
    await page.getByTestId('ballot-open-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="open"]').waitFor();
    await proj.page.locator(`[data-testid="projector-ballot"][data-ballot-id="${runoff}"]`).waitFor();
    await tablets.vote(runoff, (i) => (i < 12 ? { [b]: 'for', [c]: 'against' } : { [c]: 'for', [b]: 'against' }));
    await expect.poll(() => page.getByTestId('turnout').getAttribute('data-voted')).toBe('21');
    await page.getByTestId('ballot-close').click();
    await page.getByTestId('ballot-close-confirm').click();
    await page.getByTestId('combined-selection').waitFor();
    expect(await page.getByTestId('combined-selection').getAttribute('data-ids')).toBe(`${a},${b}`);
    await page.getByTestId('ballot-announce').click();
    await page.getByTestId('ballot-announce-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="announced"]').waitFor();
    await page.getByTestId('combined-selection').scrollIntoViewIfNeeded();
    await shot(page, 'runoff-03-console-combined.png');

    // ---- the projector: the run-off's chart, then both rounds' selection ----
    const round2 = (await http.get(`/api/ballots/${runoff}/tally`)).body.tally as Tally;
    expect(round2.selected).toEqual([b]);
    await proj.page.locator(`[data-testid="projector-results"][data-ballot-id="${runoff}"]`).waitFor();
    expect(await proj.page.getByTestId(`bar-${b}`).getAttribute('data-count')).toBe(String(round2.candidates.find((x) => x.id === b)!.counts.for));
    expect(await proj.page.getByTestId(`bar-${c}`).getAttribute('data-count')).toBe(String(round2.candidates.find((x) => x.id === c)!.counts.for));
    await shot(proj.page, 'runoff-04-projector-runoff-chart.png');
    const list = proj.page.getByTestId('projector-selected');
    await list.waitFor({ timeout: 15_000 });
    expect(await list.getAttribute('data-final')).toBe('true');
    expect(await list.getAttribute('data-ids')).toBe([...round1.selected, ...round2.selected].join(','));
    expect(await list.textContent()).toContain('两轮合并');
    await shot(proj.page, 'runoff-05-projector-final.png');

    // A reload lands on the same announced result, combined selection included.
    await proj.page.reload();
    await proj.page.locator(`[data-testid="projector-results"][data-ballot-id="${runoff}"]`).waitFor();
    await list.waitFor({ timeout: 15_000 });
    expect(await list.getAttribute('data-ids')).toBe(`${a},${b}`);

    tablets.close();
    for (const x of screens) expect(x.errors).toEqual([]);
  });
});
