import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBallot, pairingCode, setUpTabletHall, shot, watchPage, useTabletRig } from './support.ts';
import type { TabletHall } from './support.ts';

// Issue 19: every deputy can read and use the tablet. A whole ballot voted at 150% and 200% browser zoom, at 200%
// text size (the device's setting: Chromium's default font size doubled) and in portrait, every row's buttons
// pressed where they are (a click lands only on a button no bar covers); the counter and countdown on screen; the
// cap shown in the row pressed, remaining 赞成 marked full; marking moves no button; reduced motion honoured.

const rig = useTabletRig('zoom');
let hall: TabletHall;
let ballotId: string;
let next = 21;

beforeAll(async () => {
  hall = await setUpTabletHall(rig.hall.http, 30, 20);
  ballotId = await openBallot(rig.hall.http, hall.meetingId, { seats: 10, durationSeconds: 1800 });
}, 180_000);

interface Mode {
  name: string;
  context: BrowserContextOptions;
  /** Chromium's default (standard) font size: 16 is the device's 100% text size. */
  textPx?: number;
}

const MODES: Mode[] = [
  { name: 'zoom150', context: { viewport: { width: 853, height: 533 }, deviceScaleFactor: 1.5 } },
  { name: 'zoom200', context: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 } },
  { name: 'text200', context: { viewport: { width: 1280, height: 800 } }, textPx: 32 },
  { name: 'portrait', context: { viewport: { width: 800, height: 1280 } } },
];

async function rectOf(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return box;
}

/** A fresh deputy's tablet in `mode`, paired by its QR link and checked in; resolves on the ballot. */
async function tabletIn(mode: Mode) {
  const context = await rig.browser.newContext({ ...mode.context, locale: 'zh-CN' });
  const page = await context.newPage();
  if (mode.textPx) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: mode.textPx, fixed: Math.round(mode.textPx * 0.8125) } });
  }
  const watch = watchPage(page);
  const deputy = hall.deputies[next++]!;
  // The pairing screen first: all eight code boxes on screen.
  await page.goto(`${rig.hall.server.url}/tablet/`);
  await page.getByTestId('pair-screen').waitFor();
  const vw = mode.context.viewport!.width;
  const boxes = await page.locator('.code-box').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  expect(boxes).toHaveLength(8);
  for (const b of boxes) expect(b.left >= 0 && b.right <= vw, `code box ${JSON.stringify(b)} within ${vw}`).toBe(true);
  await shot(page, `tablet-${mode.name}-01-pair.png`);
  await page.goto(`${rig.hall.server.url}/tablet/?code=${await pairingCode(rig.hall.http, hall.meetingId, deputy.id)}`);
  await page.getByTestId('checkin-button').click();
  await page.locator(`[data-testid="ballot-screen"][data-ballot-id="${ballotId}"]`).waitFor();
  return { context, page, watch };
}

describe('the tablet at large zoom and text, and in portrait', () => {
  for (const mode of MODES) {
    it(`votes a whole ballot at ${mode.name}`, { timeout: 180_000 }, async () => {
      const { context, page, watch } = await tabletIn(mode);
      try {
        const vp = mode.context.viewport!;
        // The root size follows the device's text setting: 150% of its default.
        const root = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
        expect(root).toBeCloseTo((mode.textPx ?? 16) * 1.5, 0);
        // The counter and the countdown can be brought on screen, whole, and no bar covers them.
        for (const sel of ['[data-testid="approval-count"]', '.countdown-value']) {
          await page.locator(sel).first().scrollIntoViewIfNeeded();
          const r = await rectOf(page, sel);
          expect(r.y >= 0 && r.y + r.height <= vp.height && r.x >= 0 && r.x + r.width <= vp.width, `${sel} ${JSON.stringify(r)} on screen`).toBe(true);
          const hit = await page.evaluate(([s, x, y]) => document.querySelector(s as string)!.contains(document.elementFromPoint(x as number, y as number)), [sel, r.x + r.width / 2, r.y + r.height / 2] as const);
          expect(hit, `${sel} is not covered`).toBe(true);
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot(page, `tablet-${mode.name}-02-ballot.png`);
        // What stays on screen while scrolling leaves at least half of it to the list.
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
        const covered = await page.evaluate(() =>
          ['.ballot-top', '.ballot-bottom'].reduce((sum, sel) => {
            const e = document.querySelector(sel)!;
            const pos = getComputedStyle(e).position;
            const r = e.getBoundingClientRect();
            const onScreen = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
            return sum + (pos === 'sticky' || pos === 'fixed' ? onScreen : 0);
          }, 0),
        );
        expect(covered, `sticky bars cover ${covered}px of ${vp.height}`).toBeLessThanOrEqual(vp.height / 2);
        await shot(page, `tablet-${mode.name}-03-middle.png`);
        // Every row's button pressed where it is: Playwright clicks only what no bar covers.
        const ids = hall.candidateIds;
        for (const [i, id] of ids.entries()) await page.getByTestId(`opt-${id}-${i < 10 ? 'for' : 'against'}`).click();
        await expect.poll(() => page.getByTestId('approval-count').textContent()).toBe('已赞成 10/10');
        for (const [i, id] of ids.entries()) expect(await page.getByTestId(`cand-${id}`).getAttribute('data-mark')).toBe(i < 10 ? 'for' : 'against');
        await page.getByTestId('to-review').click();
        await page.getByTestId('review-screen').waitFor();
        await shot(page, `tablet-${mode.name}-04-review.png`);
        await page.getByTestId('review-confirm').click();
        await page.getByTestId('receipt-screen').waitFor();
        await shot(page, `tablet-${mode.name}-05-receipt.png`);
        expect(watch.errors).toEqual([]);
      } catch (err) {
        await shot(page, `tablet-${mode.name}-FAILED.png`).catch(() => {});
        throw watch.explain(err);
      } finally {
        await context.close();
      }
    });
  }

  it('shows the cap where the finger is, moves no button when marking, and honours reduced motion', { timeout: 180_000 }, async () => {
    const { context, page, watch } = await tabletIn({ name: 'cap', context: { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' } });
    try {
      const ids = hall.candidateIds;
      const rects = (id: string) => page.getByTestId(`cand-${id}`).locator('.opt').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      // Marking a choice moves none of the row's buttons.
      await page.getByTestId(`cand-${ids[0]}`).scrollIntoViewIfNeeded();
      const before = await rects(ids[0]!);
      await page.getByTestId(`opt-${ids[0]}-against`).click();
      await expect.poll(() => page.getByTestId(`cand-${ids[0]}`).getAttribute('data-mark')).toBe('against');
      expect(await rects(ids[0]!)).toEqual(before);
      await page.getByTestId(`opt-${ids[0]}-for`).click();
      await expect.poll(() => page.getByTestId(`cand-${ids[0]}`).getAttribute('data-mark')).toBe('for');
      expect(await rects(ids[0]!)).toEqual(before);
      for (const id of ids.slice(1, 10)) await page.getByTestId(`opt-${id}-for`).click();
      // At the cap: every remaining 赞成 is marked full, in words that are part of its accessible name.
      for (const id of ids.slice(10)) {
        const b = page.getByTestId(`opt-${id}-for`);
        expect(await b.getAttribute('data-full')).toBe('true');
        expect(await b.textContent()).toContain('已满');
      }
      for (const id of ids.slice(0, 10)) expect(await page.getByTestId(`opt-${id}-for`).getAttribute('data-full')).toBeNull();
      // The 11th 赞成: refused in the row pressed, which is unchanged.
      const eleventh = ids[12]!;
      await page.getByTestId(`opt-${eleventh}-for`).click();
      const row = page.getByTestId(`cand-${eleventh}`);
      await row.getByTestId('notice').waitFor();
      expect(await row.getByTestId('notice').textContent()).toBe('最多赞成 10 项，请先取消一项');
      expect(await row.getByTestId('notice').getAttribute('role')).toBe('alert');
      expect(await row.getAttribute('data-mark')).toBe('');
      expect(await page.locator('.ballot-bottom [data-testid="notice"]').count()).toBe(0);
      // Reduced motion: the notice does not animate.
      expect(await row.getByTestId('notice').evaluate((e) => getComputedStyle(e).animationName)).toBe('none');
      await shot(page, 'tablet-cap-in-row.png');
      expect(watch.errors).toEqual([]);
    } catch (err) {
      await shot(page, 'tablet-cap-FAILED.png').catch(() => {});
      throw watch.explain(err);
    } finally {
      await context.close();
    }
  });
});
