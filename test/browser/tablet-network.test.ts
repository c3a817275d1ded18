import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LANDSCAPE } from './chromium.ts';
import { closeBallot, digestOf, onWatchedPage, openBallot, recordOf, setUpTabletHall, shot, TabletNetwork, useTabletRig } from './support.ts';

// A confirmed paper is never lost (DESIGN.md §6): the tablet's link drops between confirm and receipt, the page
// is reloaded mid-ballot and while offline, the ballot closes while a paper waits, and the server already has
// another paper. Each time exactly the papers the server acknowledged are counted, and the receipt the tablet
// shows is the one in the exported record.
//
// Chromium's offline emulation (context.setOffline) does not touch websockets that are already open — checked
// by hand with Chromium 156: frames kept flowing both ways — so the cut is made with playwright's routeWebSocket (TabletNetwork).

const rig = useTabletRig('tablet-net');

const RECONNECT_MS = 20_000;

async function mark(page: Page, marks: Record<string, string>) {
  for (const [id, option] of Object.entries(marks)) await page.getByTestId(`opt-${id}-${option}`).click();
}

async function marksOnScreen(page: Page, ids: string[]): Promise<Record<string, string>> {
  const marks: Record<string, string> = {};
  for (const id of ids) {
    const m = await page.getByTestId(`cand-${id}`).getAttribute('data-mark');
    if (m) marks[id] = m;
  }
  return marks;
}

const connState = (page: Page) => page.getByTestId('conn-state').getAttribute('data-state');
const voted = async (ballotId: string) => (await rig.hall.http.get(`/api/ballots/${ballotId}/turnout`)).body.voted as number;

describe('the deputy tablet on a bad network', () => {
  it('keeps a confirmed paper through a lost receipt, reloads and a dropped link; exactly one paper counts', async () => {
    const hall = await setUpTabletHall(rig.hall.http, 30, 20);
    const ids = hall.candidateIds;
    const net = new TabletNetwork();
    await onWatchedPage(rig.browser, { viewport: LANDSCAPE }, 'tablet-net-FAILED.png', async (page) => {
      await net.attach(page);
      // Paired from the QR code's URL; the single-use code leaves the address bar.
      await page.goto(`${rig.hall.server.url}/tablet/?code=${hall.code}`);
      await page.getByTestId('checkin-screen').waitFor();
      expect(page.url()).not.toContain('code=');
      await page.getByTestId('checkin-button').click();
      await page.getByTestId('waiting-screen').waitFor();

      // ==== A: reload mid-ballot; then the receipt is lost with the link, after the server committed ====
      const a = await openBallot(rig.hall.http, hall.meetingId, { title: '票决 A', secret: false });
      await page.getByTestId('ballot-screen').waitFor();
      const firstMarks = { [ids[0]!]: 'for', [ids[1]!]: 'against', [ids[2]!]: 'abstain' };
      await mark(page, firstMarks);
      await page.reload();
      await page.getByTestId('ballot-screen').waitFor();
      expect(await marksOnScreen(page, ids)).toEqual(firstMarks);
      const moreMarks = { [ids[3]!]: 'for', [ids[4]!]: 'for', [ids[5]!]: 'for', [ids[6]!]: 'against' };
      await mark(page, moreMarks);
      const paperA = { ...firstMarks, ...moreMarks };
      await page.getByTestId('to-review').click();
      await page.getByTestId('review-unmarked').waitFor();
      expect(await page.getByTestId('review-unmarked').textContent()).toContain('将按弃权计算');

      net.loseNextReceipt();
      await page.getByTestId('review-confirm').click();
      await page.getByTestId('sending-screen').waitFor();
      await page.getByTestId('sending-offline').waitFor();
      expect(await connState(page)).not.toBe('online');
      expect(await voted(a)).toBe(1); // committed on the server; the tablet has no receipt
      const lost = net.received('receipt');
      expect(lost).toHaveLength(1);
      expect(lost[0].lost).toBe(true);
      await shot(page, 'tablet-net-01-sending-offline.png');

      // Reloaded while offline: the paper is still waiting in localStorage, with its key.
      const outbox = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.endsWith('.outbox'))?.[1] ?? null);
      expect(outbox).toContain(net.sent('submitPaper')[0].key);
      await page.reload();
      await page.getByTestId('connecting-screen').waitFor();
      await shot(page, 'tablet-net-02-reload-offline.png');

      net.up();
      await page.getByTestId('receipt-screen').waitFor({ timeout: RECONNECT_MS });
      const paperIdA = (await page.getByTestId('receipt-paper-id').textContent())!;
      const digestA = (await page.getByTestId('receipt-digest').textContent())!;
      expect(paperIdA).toBe(lost[0].receipt.paperId);
      await page.getByTestId('receipt-verified').waitFor();
      // Resent with the same key; the server answered the original receipt.
      const sentA = net.sent('submitPaper').filter((m) => m.ballotId === a);
      expect(sentA.length).toBeGreaterThanOrEqual(2);
      expect(new Set(sentA.map((m) => m.key)).size).toBe(1);
      expect(net.received('receipt').some((m) => m.duplicate === true && m.receipt.paperId === paperIdA)).toBe(true);
      expect(await voted(a)).toBe(1);
      await shot(page, 'tablet-net-03-receipt-after-reconnect.png');

      // A reload after the receipt shows the same receipt.
      await page.reload();
      await page.getByTestId('receipt-screen').waitFor();
      expect(await page.getByTestId('receipt-paper-id').textContent()).toBe(paperIdA);

      await closeBallot(rig.hall.http, a);
      await page.getByTestId('ballot-closed').waitFor();
      const recordA = await recordOf(rig.hall.http, a);
      expect(recordA.papers).toHaveLength(1);
      expect(recordA.papers[0]!.id).toBe(paperIdA);
      expect(recordA.papers[0]!.marks).toEqual(paperA);
      expect(digestOf(a, recordA.papers[0]!).slice(0, 16)).toBe(digestA);
      expect(recordA.tally.papers).toEqual({ returned: 1, valid: 1, invalid: 0 });

      // ==== B: the link is down before confirm; the paper waits on the tablet and goes when it is back ====
      const b = await openBallot(rig.hall.http, hall.meetingId, { title: '票决 B', secret: false });
      await page.getByTestId('ballot-screen').waitFor();
      const paperB = { [ids[7]!]: 'for', [ids[8]!]: 'against' };
      await mark(page, paperB);
      await page.getByTestId('to-review').click();
      await net.down();
      await expect.poll(() => connState(page)).not.toBe('online');
      await page.getByTestId('review-confirm').click();
      await page.getByTestId('sending-offline').waitFor();
      await page.waitForTimeout(1500);
      expect(await voted(b)).toBe(0);
      net.up();
      await page.getByTestId('receipt-screen').waitFor({ timeout: RECONNECT_MS });
      const paperIdB = (await page.getByTestId('receipt-paper-id').textContent())!;
      await closeBallot(rig.hall.http, b);
      const recordB = await recordOf(rig.hall.http, b);
      expect(recordB.papers.map((p) => p.id)).toEqual([paperIdB]);
      expect(recordB.papers[0]!.marks).toEqual(paperB);

      // ==== C: the server already has another paper from this deputy → shown clearly, nothing changes ====
      const c = await openBallot(rig.hall.http, hall.meetingId, { title: '票决 C', secret: false });
      await page.getByTestId('ballot-screen').waitFor();
      const token = await page.evaluate(() => JSON.parse(localStorage.getItem('piaojue.tablet.device')!).token as string);
      const other = await rig.hall.http.post(`/api/deputy/ballots/${c}/papers`, { key: 'K'.repeat(32), marks: { [ids[0]!]: 'against' } }, token);
      expect(other.status).toBe(201);
      await mark(page, { [ids[0]!]: 'for' });
      await page.getByTestId('to-review').click();
      await page.getByTestId('review-confirm').click();
      await page.getByTestId('problem-screen').waitFor();
      expect(await page.getByTestId('problem-screen').getAttribute('data-code')).toBe('already_voted');
      expect(await page.getByTestId('problem').textContent()).toContain('服务器上已有您在本表决中的另一张选票');
      await shot(page, 'tablet-net-04-already-voted.png');
      await closeBallot(rig.hall.http, c);
      const recordC = await recordOf(rig.hall.http, c);
      expect(recordC.papers.map((p) => p.marks)).toEqual([{ [ids[0]!]: 'against' }]);

      // ==== D: the ballot closes while the paper waits offline → "not accepted", and nothing counted ====
      const d = await openBallot(rig.hall.http, hall.meetingId, { title: '票决 D', secret: false });
      await page.getByTestId('ballot-screen').waitFor();
      await mark(page, { [ids[0]!]: 'for' });
      await page.getByTestId('to-review').click();
      await net.down();
      await expect.poll(() => connState(page)).not.toBe('online');
      await page.getByTestId('review-confirm').click();
      await page.getByTestId('sending-offline').waitFor();
      await closeBallot(rig.hall.http, d);
      net.up();
      await page.getByTestId('closed-problem').waitFor({ timeout: RECONNECT_MS });
      expect(await page.getByTestId('closed-problem').textContent()).toContain('表决已结束，本次选票未被接受');
      await shot(page, 'tablet-net-05-closed-not-accepted.png');
      expect((await recordOf(rig.hall.http, d)).papers).toEqual([]);

      // ==== E: committed, receipt lost, and the ballot closes before the tablet is back ====
      // The tablet must never say "not accepted" about a paper the server holds: it shows the receipt (if the
      // server answers a resend after the close with the original receipt) or says it cannot tell.
      const e = await openBallot(rig.hall.http, hall.meetingId, { title: '票决 E', secret: false });
      await page.getByTestId('ballot-screen').waitFor();
      await mark(page, { [ids[1]!]: 'for' });
      await page.getByTestId('to-review').click();
      net.loseNextReceipt();
      await page.getByTestId('review-confirm').click();
      await page.getByTestId('sending-offline').waitFor();
      expect(await voted(e)).toBe(1);
      await closeBallot(rig.hall.http, e);
      net.up();
      const outcome = page.getByTestId('closed-receipt').or(page.getByTestId('closed-problem'));
      await outcome.waitFor({ timeout: RECONNECT_MS });
      const recordE = await recordOf(rig.hall.http, e);
      expect(recordE.papers).toHaveLength(1);
      const said = (await outcome.textContent())!;
      if (await page.getByTestId('closed-receipt').count()) expect(said).toContain(recordE.papers[0]!.id);
      else expect(said).toContain('无法确定是否已计入');
      expect(said).not.toContain('未被接受');
      await shot(page, 'tablet-net-06-closed-unconfirmed.png');
    });
  }, 180_000);
});
