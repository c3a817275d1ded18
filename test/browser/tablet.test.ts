import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LANDSCAPE, PORTRAIT } from './chromium.ts';
import { closeBallot, digestOf, onWatchedPage, openBallot, recordOf, setUpTabletHall, shot, useTabletRig } from './support.ts';

// Issue 3, done when: a deputy pairs a real tablet page with a one-time code, checks in, sees the secretariat's
// 10-of-15 ballot appear, marks every candidate (the 11th 赞成 refused on screen), reviews, confirms and gets a
// receipt — and the server's tally counts exactly that paper. Real server process, real Chromium.

const rig = useTabletRig('tablet');

async function pressKeys(page: Page, digits: string) {
  for (const d of digits) await page.getByTestId(`key-${d}`).click();
}

async function heightOf(page: Page, testId: string): Promise<number> {
  const box = await page.getByTestId(testId).first().boundingBox();
  if (!box) throw new Error(`${testId} is not visible`);
  return box.height;
}

describe('the deputy tablet', () => {
  it('pairs, checks in, votes 10 of 15 with the cap enforced, and the tally counts exactly that paper', async () => {
    const hall = await setUpTabletHall(rig.hall.http, 30, 20);
    await onWatchedPage(rig.browser, { viewport: LANDSCAPE, locale: 'zh-CN' }, 'tablet-FAILED.png', async (page) => {
      await page.goto(`${rig.hall.server.url}/tablet/`);

      // ---- pairing: a wrong code first, readably refused; then the right one ----
      await page.getByTestId('pair-screen').waitFor();
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(22);
      expect(await heightOf(page, 'key-5')).toBeGreaterThanOrEqual(64);
      await shot(page, 'tablet-01-pair.png');
      const wrong = hall.code === '00000000' ? '11111111' : '00000000';
      await pressKeys(page, wrong);
      await page.getByTestId('pair-submit').click();
      await expect.poll(() => page.getByTestId('pair-error').textContent()).toContain('配对码无效或已使用');
      await shot(page, 'tablet-02-pair-error.png');
      await pressKeys(page, hall.code);
      expect(await page.getByTestId('pair-code').getAttribute('data-code')).toBe(hall.code);
      await page.getByTestId('pair-submit').click();

      // ---- paired: who, where, connected; check in ----
      await page.getByTestId('checkin-screen').waitFor();
      expect(await page.getByTestId('deputy-name').textContent()).toBe(hall.deputy.name);
      await expect.poll(() => page.getByTestId('conn-state').getAttribute('data-state')).toBe('online');
      expect(await page.getByTestId('checkin-status').getAttribute('data-checked-in')).toBe('false');
      await shot(page, 'tablet-03-checkin.png');
      await page.getByTestId('checkin-button').click();
      await page.getByTestId('waiting-screen').waitFor();
      expect(await page.getByTestId('checkin-status').textContent()).toContain('已签到');
      expect(await page.locator('.waiting-title').textContent()).toBe('请等待表决开始');
      const attendance = await rig.hall.http.get(`/api/meetings/${hall.meetingId}/attendance`);
      expect(attendance.body).toMatchObject({ seated: 30, present: 21 });
      await shot(page, 'tablet-04-waiting.png');

      // English is one press away, and back.
      await page.getByTestId('lang-toggle').click();
      expect(await page.locator('.waiting-title').textContent()).toBe('Please wait for the vote to begin');
      await shot(page, 'tablet-04b-waiting-en.png');
      await page.getByTestId('lang-toggle').click();
      expect(await page.locator('.waiting-title').textContent()).toBe('请等待表决开始');

      // ---- the secretariat opens a 10-of-15 ballot; it appears on the tablet ----
      // A named ballot: this walk checks the paper id and digest receipt; a secret ballot's tracker has its own tests.
      const ballotId = await openBallot(rig.hall.http, hall.meetingId, { title: '2023年县民生实事项目票决', seats: 10, secret: false });
      await page.getByTestId('ballot-screen').waitFor();
      expect(await page.getByTestId('ballot-screen').getAttribute('data-ballot-id')).toBe(ballotId);
      expect(await page.getByTestId('ballot-title').textContent()).toBe('2023年县民生实事项目票决');
      expect(await page.locator('.cand').count()).toBe(15);
      expect(await page.getByTestId('approval-count').textContent()).toBe('已赞成 0/10');
      const countdown = await page.locator('.countdown-value').textContent();
      expect(countdown).toMatch(/^(10:00|09:[0-5]\d)$/);
      const ids = hall.candidateIds;
      expect(await heightOf(page, `opt-${ids[0]}-for`)).toBeGreaterThanOrEqual(64);
      expect(await heightOf(page, 'to-review')).toBeGreaterThanOrEqual(64);
      await shot(page, 'tablet-05-ballot.png');

      // The full task and plan behind a tap on the name.
      await page.getByTestId(`cand-toggle-${ids[0]}`).click();
      const detail = page.getByTestId(`cand-detail-${ids[0]}`);
      await detail.waitFor();
      expect(await detail.textContent()).toContain('年度工作任务');
      expect(await detail.locator('tbody tr').count()).toBeGreaterThan(0);
      await shot(page, 'tablet-06-detail.png');
      await page.getByTestId(`cand-toggle-${ids[0]}`).click();

      // ---- marking: 10 赞成, the 11th refused with a visible message, the rest 反对/弃权 ----
      const forIdx = [0, 1, 3, 4, 6, 7, 9, 10, 12, 13];
      const againstIdx = [2, 5, 8];
      const abstainIdx = [11, 14];
      for (const [n, i] of forIdx.entries()) {
        await page.getByTestId(`opt-${ids[i]}-for`).click();
        expect(await page.getByTestId('approval-count').textContent()).toBe(`已赞成 ${n + 1}/10`);
      }
      const eleventh = ids[againstIdx[0]!]!;
      await page.getByTestId(`opt-${eleventh}-for`).click();
      const notice = page.getByTestId('notice');
      await notice.waitFor();
      expect(await notice.textContent()).toBe('最多赞成 10 项，请先取消一项');
      expect(await page.getByTestId(`cand-${eleventh}`).getAttribute('data-mark')).toBe('');
      expect(await page.getByTestId(`opt-${eleventh}-for`).getAttribute('aria-pressed')).toBe('false');
      expect(await page.getByTestId('approval-count').textContent()).toBe('已赞成 10/10');
      await page.getByTestId(`cand-${eleventh}`).scrollIntoViewIfNeeded();
      await shot(page, 'tablet-07-cap.png');
      for (const i of againstIdx) await page.getByTestId(`opt-${ids[i]}-against`).click();
      for (const i of abstainIdx) await page.getByTestId(`opt-${ids[i]}-abstain`).click();
      const clicked: Record<string, string> = {};
      for (const i of forIdx) clicked[ids[i]!] = 'for';
      for (const i of againstIdx) clicked[ids[i]!] = 'against';
      for (const i of abstainIdx) clicked[ids[i]!] = 'abstain';
      for (const id of ids) expect(await page.getByTestId(`cand-${id}`).getAttribute('data-mark')).toBe(clicked[id]);

      // Portrait, 800 × 1280: the same ballot, options under each candidate.
      await page.setViewportSize(PORTRAIT);
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await heightOf(page, `opt-${ids[0]}-for`)).toBeGreaterThanOrEqual(64);
      await shot(page, 'tablet-08-ballot-portrait.png');
      await page.setViewportSize(LANDSCAPE);

      // ---- review ----
      await page.getByTestId('to-review').click();
      await page.getByTestId('review-screen').waitFor();
      expect(await page.getByTestId('review-for').getAttribute('data-count')).toBe('10');
      expect(await page.getByTestId('review-against').getAttribute('data-count')).toBe('3');
      expect(await page.getByTestId('review-abstain').getAttribute('data-count')).toBe('2');
      expect(await page.getByTestId('review-unmarked').count()).toBe(0);
      for (const i of forIdx) expect(await page.getByTestId('review-for').getByTestId(`review-item-${ids[i]}`).count()).toBe(1);
      await shot(page, 'tablet-09-review.png');
      await page.setViewportSize(PORTRAIT);
      await shot(page, 'tablet-09b-review-portrait.png');
      await page.setViewportSize(LANDSCAPE);
      // 返回修改 keeps the marks; review again.
      await page.getByTestId('review-back').click();
      await page.getByTestId('ballot-screen').waitFor();
      expect(await page.getByTestId('approval-count').textContent()).toBe('已赞成 10/10');
      await page.getByTestId('to-review').click();

      // ---- confirm → receipt ----
      await page.getByTestId('review-confirm').click();
      await page.getByTestId('receipt-screen').waitFor();
      expect(await page.getByTestId('receipt-title').textContent()).toBe('已投票');
      const paperId = (await page.getByTestId('receipt-paper-id').textContent())!;
      const digest16 = (await page.getByTestId('receipt-digest').textContent())!;
      expect(paperId).toMatch(/^p-/);
      expect(digest16).toMatch(/^[0-9a-f]{16}$/);
      expect(await page.getByTestId('receipt-screen').textContent()).toContain('公布的选票清单');
      await page.getByTestId('receipt-verified').waitFor();
      await shot(page, 'tablet-10-receipt.png');
      // The tablet forgot the marks once the receipt arrived.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      expect(stored).not.toContain('"against"');
      expect(stored).toContain(paperId);

      // ---- the secretariat closes; the tablet goes back to waiting ----
      await closeBallot(rig.hall.http, ballotId);
      await page.getByTestId('ballot-closed').waitFor();
      expect(await page.getByTestId('ballot-closed').textContent()).toContain('表决已结束');
      expect(await page.getByTestId('closed-receipt').textContent()).toContain(paperId);
      await shot(page, 'tablet-11-closed.png');

      // ---- the tally counts exactly that paper ----
      const { tally } = (await rig.hall.http.get(`/api/ballots/${ballotId}/tally`)).body;
      expect(tally.papers).toEqual({ returned: 1, valid: 1, invalid: 0 });
      for (const c of tally.candidates as { id: string; counts: Record<string, number> }[]) {
        const want = { for: 0, against: 0, abstain: 0, [clicked[c.id]!]: 1 };
        expect({ for: c.counts.for ?? 0, against: c.counts.against ?? 0, abstain: c.counts.abstain ?? 0 }, c.id).toEqual(want);
      }
      const record = await recordOf(rig.hall.http, ballotId);
      expect(record.papers).toHaveLength(1);
      expect(record.papers[0]!.id).toBe(paperId);
      expect(record.papers[0]!.marks).toEqual(clicked);
      expect(digestOf(ballotId, record.papers[0]!).slice(0, 16)).toBe(digest16);
    });
  }, 120_000);
});
