import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoRoster, rosterCsv } from '../../server/demo/roster.ts';
import { FIXTURES, pairTablets, setUpQinshui, TOWNSHIPS } from '../helpers/hall.ts';
import { HD, openScreen, preferenceMarks, ProtocolTablets, shot, UHD, useStage } from './console-driver.ts';
import { measureText, type TextFit } from './text-fit.ts';

// Issue 19, done when: "a test measures that no projector text box leaves the screen at 1280×720, 1920×1080 and
// 3840×2160, in both locales, with the longest candidate name of the fixture". Issue 13: results rows show
// 赞成/反对/弃权, a legend says what ✓ and green mean, the stat boxes stay inside the screen. Real server process,
// real Chromium, the fixture's 15 candidates; every state of a ballot the hall sees, measured in the browser's
// own layout (text-fit.ts): no line of text off the screen or cut by a box, nothing overflowing, nothing small.

const SIZES = [{ width: 1280, height: 720 }, HD, UHD];
const LOCALES = ['zh', 'en'] as const;
/** Smallest text, as a share of the screen's height: 2.2% is 23.76 px at 1080p. */
const MIN_FONT_SHARE = 0.022;

const fixtureNames = (JSON.parse(readFileSync(new URL('qinshui-2023-candidates.json', FIXTURES), 'utf8')) as { candidates: { name: string }[] }).candidates.map((c) => c.name);
const LONGEST = fixtureNames.reduce((a, b) => (b.length > a.length ? b : a));

const { s, screens } = useStage();

/**
 * Measures the page at every size once it is on `screen` (and, for results, `inner`: an attribute selector of the
 * results section such as [data-phase="chart"] or [data-page="2"]): text inside the screen, not clipped, not
 * overflowing, not overlapping, ≥ MIN_FONT_SHARE of the height; a screenshot per size.
 */
async function fitsEverywhere(page: Page, locale: string, screen: string, inner?: string): Promise<TextFit[]> {
  const ready = `[data-testid="projector"][data-screen="${screen}"]${inner ? ` [data-testid="projector-results"]${inner}` : ''}`;
  const label = `${screen}${inner ? ` ${inner}` : ''} ${locale}`;
  const fits: TextFit[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    let fit: TextFit | null = null;
    // Results turn pages every few seconds: measure again until the frame measured is the one meant.
    for (let tries = 0; tries < 50 && !fit; tries++) {
      await page.locator(ready).waitFor({ timeout: 30_000 });
      // Two frames: the layout after the resize (and any page-size adjustment) has settled.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const f = await measureText(page, { minFontPx: Math.floor(size.height * MIN_FONT_SHARE), ready });
      if (f.ready) fit = f;
    }
    if (!fit) throw new Error(`never measured ${label} at ${size.width}×${size.height}`);
    const name = `${screen}${inner ? '-' + inner.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') : ''}-${locale}-${size.width}x${size.height}`;
    await shot(page, `projector-fit-${name}.png`);
    expect(fit.texts, `${label} at ${size.width}×${size.height}: text measured`).toBeGreaterThan(2);
    expect.soft(fit.problems, `${label} at ${size.width}×${size.height}`).toEqual([]);
    fits.push(fit);
  }
  return fits;
}

describe('projector text fits the screen', () => {
  it('attendance, a ballot counting down, counting, and 15 results fit at 720p, 1080p and 4K in Chinese and English', { timeout: 600_000 }, async () => {
    const { http } = s;
    // A county's hall: 180 seated, 130 present and voting (three-digit numbers in every box).
    const hall = await setUpQinshui(http, 180);
    const tablets = await ProtocolTablets.seat(http, hall, 130);
    const display = (await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '主屏' })).body as { token: string };
    // The longest name of the fixture is one of the 15 candidates the ballot shows.
    const candidates = (await http.get(`/api/meetings/${hall.meetingId}/candidates`)).body.candidates as { id: string; name: string }[];
    expect(candidates).toHaveLength(15);
    expect(candidates.map((c) => c.name)).toContain(LONGEST);
    expect(LONGEST.length).toBeGreaterThanOrEqual(20);

    const pages: Record<(typeof LOCALES)[number], Page> = {} as never;
    for (const locale of LOCALES) {
      const url = `${s.server.url}/projector/#token=${encodeURIComponent(display.token)}&cycle=4${locale === 'en' ? '&lang=en' : ''}`;
      const screen = await openScreen(s.browser, url, HD);
      screens.push(screen);
      pages[locale] = screen.page;
    }

    // Between ballots: 应到 / 实到 / 法定人数.
    for (const locale of LOCALES) await fitsEverywhere(pages[locale], locale, 'attendance');

    expect(await pages.zh.getByTestId('projector-present').getAttribute('data-value')).toBe('130');

    // A ballot counting down, 12 of 130 voted.
    const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '2023年沁水县民生实事项目代表票决', seats: 10, durationSeconds: 900 });
    const ballot = created.body.ballot.id as string;
    expect((await http.post(`/api/ballots/${ballot}/open`)).status).toBe(200);
    const ids = hall.candidateIds;
    const marks = preferenceMarks(ids, 10, 7);
    await tablets.vote(ballot, marks, [...Array(12).keys()]);
    for (const locale of LOCALES) {
      await expect.poll(() => pages[locale].getByTestId('projector-turnout').getAttribute('data-voted')).toBe('12');
      await fitsEverywhere(pages[locale], locale, 'ballot');
    }
    await tablets.vote(ballot, marks, [...Array(130).keys()].slice(12));

    // Closed, counting.
    expect((await http.post(`/api/ballots/${ballot}/close`)).status).toBe(200);
    for (const locale of LOCALES) await fitsEverywhere(pages[locale], locale, 'counting');

    // Announced: the chart of 15 rows, then the selected list.
    expect((await http.post(`/api/ballots/${ballot}/announce`)).status).toBe(200);
    const tally = (await http.get(`/api/ballots/${ballot}/tally`)).body.tally as { selected: string[]; candidates: { id: string; selected?: boolean; counts: Record<string, number | undefined> }[] };
    expect(tally.selected.length).toBeGreaterThan(0);
    expect(tally.candidates.some((c) => (c.counts.against ?? 0) > 0 && (c.counts.abstain ?? 0) > 0)).toBe(true);
    for (const locale of LOCALES) {
      const page = pages[locale];
      await page.locator(`[data-testid="projector-results"][data-ballot-id="${ballot}"]`).waitFor();
      await page.locator('[data-testid="projector-results"][data-phase="chart"]').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-testid^="bar-row-"]').count()).toBe(15);
      expect(await page.getByTestId('projector-chart').textContent()).toContain(LONGEST);
      // Issue 13: each row says 赞成, 反对 and 弃权 as the tally counts them; a legend says what ✓ and green mean.
      for (const c of tally.candidates) {
        expect(await page.getByTestId(`bar-${c.id}`).getAttribute('data-count'), c.id).toBe(String(c.counts.for ?? 0));
        expect(await page.getByTestId(`against-${c.id}`).textContent(), c.id).toBe(String(c.counts.against ?? 0));
        expect(await page.getByTestId(`abstain-${c.id}`).textContent(), c.id).toBe(String(c.counts.abstain ?? 0));
        expect(await page.getByTestId(`bar-row-${c.id}`).getAttribute('data-selected'), c.id).toBe(String(c.selected ?? false));
      }
      const legend = (await page.getByTestId('projector-legend').textContent()) ?? '';
      expect(legend).toContain('✓');
      expect(legend).toContain(locale === 'zh' ? '当选（绿色条）' : 'Selected (green bar)');
      expect(legend).toContain(locale === 'zh' ? '通过线：超过 90 票' : 'Pass line: more than 90');
      await fitsEverywhere(page, locale, 'results', '[data-phase="chart"]');
      await fitsEverywhere(page, locale, 'results', '[data-phase="list"]');
    }
    tablets.close();
    for (const x of screens) expect(x.errors).toEqual([]);
  });

  it('满意度测评 of 15 projects fits page by page at 720p, 1080p and 4K in Chinese and English', { timeout: 600_000 }, async () => {
    const { http } = s;
    const ok = async (res: Promise<{ status: number; body: any }>, what: string) => {
      const r = await res;
      if (r.status !== 200 && r.status !== 201) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const checkedIn = async (meetingId: string, deputyIds: string[]) => {
      const tokens = await pairTablets(http, meetingId, deputyIds);
      for (const token of tokens) await ok(http.post('/api/deputy/check-in', {}, token), 'check-in');
      return tokens;
    };
    // Last year: 3 deputies select all 15 candidates, so all 15 (the longest name among them) are tracked projects.
    const last = await setUpQinshui(http, 3);
    const tokens2023 = await checkedIn(last.meetingId, last.deputies.map((d) => d.id));
    const selection = (await ok(http.post(`/api/meetings/${last.meetingId}/ballots`, { title: '2023年民生实事项目票决', seats: 15 }), 'ballot')).ballot.id as string;
    await ok(http.post(`/api/ballots/${selection}/open`), 'open');
    const all = Object.fromEntries(last.candidateIds.map((c) => [c, 'for']));
    for (const [i, token] of tokens2023.entries()) await ok(http.post(`/api/deputy/ballots/${selection}/papers`, { key: `fit-2023-key-${String(i).padStart(8, '0')}`, marks: all }, token), 'paper');
    await ok(http.post(`/api/ballots/${selection}/close`), 'close');
    await ok(http.post(`/api/ballots/${selection}/announce`), 'announce');

    // This year's meeting: 150 seated, 120 present rate them (three-digit counts), one project mostly 不满意.
    const meetingId = (await ok(http.post('/api/meetings', { name: '沁水县第十七届人民代表大会第五次会议', date: '2024-02-20' }), 'meeting')).meeting.id as string;
    await ok(http.post(`/api/meetings/${meetingId}/deputies/import`, { csv: rosterCsv(demoRoster(TOWNSHIPS, 150)) }), 'roster');
    const deputies = (await ok(http.get(`/api/meetings/${meetingId}/deputies`), 'deputies')).deputies as { id: string }[];
    const tokens = await checkedIn(meetingId, deputies.slice(0, 120).map((d) => d.id));
    // The first test's ballot promoted projects of 2023 too: rate one project per name, the 15 of this selection.
    const tracked = (await ok(http.get('/api/projects?year=2023'), 'projects')).projects as { id: string; name: string }[];
    const projectIds = [...new Map(tracked.map((p) => [p.name, p.id])).values()];
    const created = await ok(http.post(`/api/meetings/${meetingId}/evaluations`, { year: 2023, title: '2023年沁水县民生实事项目满意度测评', projectIds }), 'evaluation');
    const evaluation = created.ballot.id as string;
    const items = created.projects as { itemId: string; name: string }[];
    expect(items).toHaveLength(15);
    expect(items.map((p) => p.name)).toContain(LONGEST);
    const display = (await ok(http.post(`/api/meetings/${meetingId}/display-tokens`, { label: '主屏' }), 'display')).token as string;
    await ok(http.post(`/api/ballots/${evaluation}/open`), 'open');
    const options = ['satisfied', 'basically_satisfied', 'dissatisfied'];
    for (const [i, token] of tokens.entries()) {
      const marks = Object.fromEntries(items.map((p, k) => [p.itemId, options[k === 0 ? (i % 5 === 0 ? 0 : 2) : (i + k) % 7 === 0 ? 1 : (i + k) % 11 === 0 ? 2 : 0]!]));
      await ok(http.post(`/api/deputy/ballots/${evaluation}/papers`, { key: `fit-2024-key-${String(i).padStart(8, '0')}`, marks }, token), 'paper');
    }
    await ok(http.post(`/api/ballots/${evaluation}/close`), 'close');
    await ok(http.post(`/api/ballots/${evaluation}/announce`), 'announce');

    for (const locale of LOCALES) {
      const url = `${s.server.url}/projector/#token=${encodeURIComponent(display)}&cycle=4${locale === 'en' ? '&lang=en' : ''}`;
      const screen = await openScreen(s.browser, url, HD);
      screens.push(screen);
      const page = screen.page;
      await page.locator(`[data-testid="projector-results"][data-ballot-id="${evaluation}"]`).waitFor();
      // Three counts per row, no 弃权 column: an evaluation has no abstain option.
      expect(await page.locator('.eval-table thead th').allTextContents()).not.toContain(locale === 'zh' ? '弃权' : 'Abstain');
      const pages = Number(await page.getByTestId('projector-results').getAttribute('data-pages'));
      expect(pages).toBeGreaterThanOrEqual(2);
      for (let n = 1; n <= pages; n++) await fitsEverywhere(page, locale, 'results', `[data-page="${n}"]`);
      // Every row was on some page, the longest name among them.
      const seen = new Set<string>();
      for (let n = 1; n <= pages; n++) {
        await page.locator(`[data-testid="projector-results"][data-page="${n}"]`).waitFor({ timeout: 30_000 });
        for (const t of await page.locator('[data-testid="eval-row"] .eval-name').allTextContents()) seen.add(t);
      }
      expect(seen.size).toBe(15);
      expect(seen).toContain(LONGEST);
      expect(screen.errors).toEqual([]);
    }
  });
});
