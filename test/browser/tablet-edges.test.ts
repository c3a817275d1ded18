import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANDSCAPE } from './chromium.ts';
import { openBallot, pairingCode, setUpTabletHall, shot, watchPage, useTabletRig, type TabletHall } from './support.ts';

// Issue 13, deputies at the edges of a ballot, in real Chromium at 1280×800: the review opens at its top (not
// where the marking list was scrolled to); a deputy whose marks were never confirmed when the deadline passed is
// told that paper was not counted (a deputy who voted is told it was, one who never marked that they did not
// vote); a pairing error never pushes the 配对 button below the fold.

const rig = useTabletRig('edges');
let hall: TabletHall;

beforeAll(async () => {
  hall = await setUpTabletHall(rig.hall.http, 30, 20);
}, 180_000);

/** A tablet for deputy `index`, paired by its QR link and checked in, waiting for a ballot. */
async function tabletOf(index: number, locale = 'zh-CN') {
  const context = await rig.browser.newContext({ viewport: LANDSCAPE, locale });
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(`${rig.hall.server.url}/tablet/?code=${await pairingCode(rig.hall.http, hall.meetingId, hall.deputies[index]!.id)}`);
  await page.getByTestId('checkin-button').click();
  await page.getByTestId('waiting-screen').waitFor();
  return { context, page, watch };
}

/** The element's box is whole inside the 1280×800 viewport as the page stands (no scrolling). */
async function onScreen(page: Page, testId: string): Promise<{ ok: boolean; box: unknown }> {
  return page.getByTestId(testId).evaluate((e) => {
    const box = e.getBoundingClientRect();
    return { ok: box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth, box: box.toJSON() as unknown };
  });
}

describe('the tablet at the edges of a ballot', () => {
  it('opens the review at its top, and names a paper left unconfirmed at the deadline as not counted', { timeout: 180_000 }, async () => {
    const unsent = await tabletOf(21);
    const voter = await tabletOf(22);
    const idle = await tabletOf(23);
    const pages = [unsent, voter, idle];
    try {
      // A short ballot: its deadline passes during the test.
      const ballotId = await openBallot(rig.hall.http, hall.meetingId, { title: '截止测试票决', durationSeconds: 25 });
      for (const t of pages) await t.page.locator(`[data-testid="ballot-screen"][data-ballot-id="${ballotId}"]`).waitFor();
      const ids = hall.candidateIds;

      // The voter votes (all 反对) and gets a receipt.
      for (const id of ids) await voter.page.getByTestId(`opt-${id}-against`).click();
      await voter.page.getByTestId('to-review').click();
      await voter.page.getByTestId('review-confirm').click();
      await voter.page.getByTestId('receipt-screen').waitFor();

      // The other deputy marks down to the last row — the list scrolled to its end — and goes to review.
      const { page } = unsent;
      for (const id of ids.slice(0, 5)) await page.getByTestId(`opt-${id}-for`).click();
      await page.getByTestId(`opt-${ids[14]}-against`).click();
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
      await page.getByTestId('to-review').click();
      await page.getByTestId('review-screen').waitFor();
      // The review starts at its top: its title on screen, nothing scrolled past.
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const title = await onScreen(page, 'review-title');
      expect(title.ok, `review title ${JSON.stringify(title.box)}`).toBe(true);
      // …and the page is long enough that this was a real question.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(LANDSCAPE.height);
      await shot(page, 'tablet-edges-01-review-top.png');

      // The deadline passes with this paper unconfirmed.
      const closed = page.getByTestId('ballot-closed');
      await closed.waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId('closed-unsent').textContent()).toBe('投票已截止，您的选票未提交，未计入。');
      expect(await closed.textContent()).not.toContain('已计入，');
      expect(await page.getByTestId('closed-receipt').count()).toBe(0);
      // The notice says nothing of the marks: not on screen, not in storage.
      expect(await closed.textContent()).not.toMatch(/赞成|反对|弃权/);
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      expect(stored).not.toMatch(/"(for|against|abstain)"/);
      await shot(page, 'tablet-edges-02-unsent.png');
      // The server agrees: one paper, the voter's.
      const { tally } = (await rig.hall.http.get(`/api/ballots/${ballotId}/tally`)).body;
      expect(tally.papers.returned).toBe(1);

      // The voter is told the paper counted; the deputy who never marked, that they did not vote.
      await voter.page.getByTestId('ballot-closed').waitFor();
      expect(await voter.page.getByTestId('closed-receipt').textContent()).toContain('已计入');
      expect(await voter.page.getByTestId('closed-unsent').count()).toBe(0);
      await idle.page.getByTestId('ballot-closed').waitFor();
      expect(await idle.page.getByTestId('closed-not-voted').textContent()).toBe('您没有在本次表决中投票。');
      expect(await idle.page.getByTestId('closed-unsent').count()).toBe(0);
      await shot(idle.page, 'tablet-edges-03-not-voted.png');

      // In English too.
      await page.getByTestId('lang-toggle').click();
      expect(await page.getByTestId('closed-unsent').textContent()).toBe('Voting has closed. Your paper was not submitted and was not counted.');
      await shot(page, 'tablet-edges-04-unsent-en.png');
      for (const t of pages) expect(t.watch.errors).toEqual([]);
    } catch (err) {
      await shot(unsent.page, 'tablet-edges-FAILED.png').catch(() => {});
      throw unsent.watch.explain(err);
    } finally {
      for (const t of pages) await t.context.close();
    }
  });

  for (const locale of ['zh-CN', 'en']) {
    it(`keeps the 配对 button on screen under a pairing error at 1280×800 (${locale})`, { timeout: 120_000 }, async () => {
      const context = await rig.browser.newContext({ viewport: LANDSCAPE, locale });
      const page = await context.newPage();
      const { errors, explain } = watchPage(page);
      try {
        await page.goto(`${rig.hall.server.url}/tablet/`);
        await page.getByTestId('pair-screen').waitFor();
        if (locale === 'en' && (await page.locator('html').getAttribute('lang')) !== 'en') await page.getByTestId('lang-toggle').click();
        for (const d of '00000000') await page.getByTestId(`key-${d}`).click();
        await page.getByTestId('pair-submit').click();
        await page.getByTestId('pair-error').waitFor();
        for (const d of '1234') await page.getByTestId(`key-${d}`).click();
        // The error, the code boxes, every key and the 配对 button: all on screen at once, without scrolling.
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        for (const id of ['pair-error', 'pair-code', 'key-0', 'pair-submit']) {
          const r = await onScreen(page, id);
          expect(r.ok, `${id} ${JSON.stringify(r.box)} within 1280×800`).toBe(true);
        }
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(LANDSCAPE.height);
        await shot(page, `tablet-edges-05-pair-error-${locale}.png`);
        expect(errors).toEqual([]);
      } catch (err) {
        await shot(page, `tablet-edges-pair-FAILED-${locale}.png`).catch(() => {});
        throw explain(err);
      } finally {
        await context.close();
      }
    });
  }
});
