import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recount } from '../../shared/recount.ts';
import type { Http } from '../helpers/http.ts';
import {
  browserTablet,
  consoleScreen,
  createMeetingUi,
  FIXTURE_CSV,
  HD,
  openScreen,
  previewCsv,
  printed,
  ProtocolTablets,
  rosterText,
  saveImport,
  shot,
  stage,
  tab,
  type Screen,
  type Stage,
} from './console-driver.ts';
import { ok, voted2023 } from './support.ts';

// Issue 14, done when: a 2024 meeting rates the 2023 projects from the console only. Setup (last year's data)
// is over HTTP: the 2023 session selects 15 projects (a 15-row evaluation), five of them completed. From there
// the secretariat works in the browser only — meeting, roster and this year's candidates imported, pairing
// cards, 测评 2023 年民生实事项目 under both bases, the projector, the 票决 form — and 101 of 120 deputies rate,
// 100 over the realtime protocol and one on a real tablet page. Ratings are checked against a tally computed
// here by hand; about 80 % are satisfied, so no project may come out 不满意.

const SEATED = 120;
const PRESENT = 101;
const SKIPPY = 14; // the project many deputies leave unrated: the two bases rate it differently

let s: Stage;
const screens: Screen[] = [];
let projects2023: { id: string; name: string; seq: number }[] = [];

/** Last year over HTTP: 3 deputies select all 15 candidates; five of the projects are then completed. */
async function year2023(http: Http) {
  await voted2023(http, 3, 15);
  const list = (await ok(http.get('/api/projects?year=2023'), 'projects')).projects as { id: string; name: string; seq: number }[];
  // Completed on a day of their year (issue 16): the reasons cover a date after the plan and nodes left unreported.
  const completion = { date: '2023-12-20', note: '竣工验收', lateReason: '冬季施工推迟', openReason: '节点未逐项填报' };
  for (const p of list.slice(0, 5)) await ok(http.post(`/api/projects/${p.id}/complete`, completion), 'complete');
  return [...list].sort((a, b) => a.seq - b.seq);
}

/**
 * Paper i's marks on project k (by position 0…14): about 80 % 满意, 12 % 基本满意, 5 % 不满意, 3 % unrated; the
 * SKIPPY project is left unrated by 41 of 101. Paper 100 is the real tablet's: 满意 everywhere but SKIPPY.
 */
function markOf(i: number, k: number): string | undefined {
  if (i === PRESENT - 1) return k === SKIPPY ? undefined : 'satisfied';
  if (k === SKIPPY) return i < 45 ? 'satisfied' : i < 55 ? 'basically_satisfied' : i < 60 ? 'dissatisfied' : undefined;
  const r = (i * 7 + k * 13) % 101;
  return r < 81 ? 'satisfied' : r < 93 ? 'basically_satisfied' : r < 98 ? 'dissatisfied' : undefined;
}

/** The independent tally: counts by hand and DESIGN.md §4.10/§9's rule, written out here rather than imported. */
function expected(base: 'valid-majority' | 'rated-majority') {
  return projects2023.map((p, k) => {
    const n = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
    for (let i = 0; i < PRESENT; i++) {
      const m = markOf(i, k);
      if (m) n[m as keyof typeof n] += 1;
    }
    const denominator = base === 'rated-majority' ? n.satisfied + n.basically_satisfied + n.dissatisfied : PRESENT;
    const rating = n.satisfied * 2 > denominator ? 'satisfied' : (n.satisfied + n.basically_satisfied) * 2 > denominator ? 'basically_satisfied' : 'dissatisfied';
    return { id: p.id, rating, rate: (n.satisfied + n.basically_satisfied) / denominator };
  });
}

beforeAll(async () => {
  // 100 protocol tablets, the browser tablet, console and projector all connect from loopback: above the
  // per-address cap (64) that guards the hall, where each tablet has its own address.
  s = await stage({ env: { MAX_CONNECTIONS_PER_ADDRESS: '256' } });
  projects2023 = await year2023(s.http);
}, 240_000);

afterAll(async () => {
  for (const x of screens) await x.context.close().catch(() => {});
  await s?.close();
});

/** Every evaluation row on the projector, page by page: each box inside the 1920×1080 viewport, text ≥ 28 px. */
async function projectorRows(hall: Page, ids: string[]) {
  const results = hall.getByTestId('projector-results');
  await results.waitFor();
  const pages = Number(await results.getAttribute('data-pages'));
  const seen = new Map<string, string>();
  for (let turn = 0; turn < pages; turn++) {
    await hall.locator(`[data-testid="projector-results"][data-page="${turn + 1}"]`).waitFor({ timeout: 15_000 });
    const rows = await hall.getByTestId('eval-row').evaluateAll((els) =>
      els.map((e) => {
        const box = e.getBoundingClientRect();
        return { id: e.getAttribute('data-id')!, rating: e.getAttribute('data-rating')!, top: box.top, bottom: box.bottom, left: box.left, right: box.right, font: parseFloat(getComputedStyle(e.querySelector('.eval-name')!).fontSize) };
      }),
    );
    for (const r of rows) {
      expect(r.top, r.id).toBeGreaterThanOrEqual(0);
      expect(r.left, r.id).toBeGreaterThanOrEqual(0);
      expect(r.bottom, r.id).toBeLessThanOrEqual(HD.height);
      expect(r.right, r.id).toBeLessThanOrEqual(HD.width);
      expect(r.font, r.id).toBeGreaterThanOrEqual(28);
      seen.set(r.id, r.rating);
    }
    await shot(hall, `projector-eval-page-${turn + 1}.png`);
  }
  expect([...seen.keys()].sort()).toEqual([...ids].sort());
  return { pages, seen };
}

describe('满意度测评 of last year’s projects, from the console', () => {
  it('a 2024 meeting rates the 2023 projects under both bases; every screen shows it', { timeout: 600_000 }, async () => {
    const con = await consoleScreen(s);
    screens.push(con);
    const page = con.page;

    // ---- the 2024 meeting: roster and this year's 15 candidates, through the console ----
    const meetingId = await createMeetingUi(page, '沁水县第十七届人民代表大会第五次会议', '2024-02-20');
    expect(await previewCsv(page, 'roster', rosterText(SEATED))).toBe('clean');
    expect(await saveImport(page, 'roster')).toContain(String(SEATED));
    expect(await previewCsv(page, 'candidates', { file: FIXTURE_CSV })).toBe('clean');
    expect(await saveImport(page, 'candidates')).toContain('15');
    // Read (never written) over HTTP, to check the 票决 form against at the end.
    const candidates2024 = (await s.http.get(`/api/meetings/${meetingId}/candidates`)).body.candidates as { id: string }[];

    // The pairing codes as the secretariat has them: from the printed cards on the console.
    await tab(page, 'cards');
    await page.getByTestId('cards-issue-all').click();
    await expect.poll(() => page.getByTestId('cards-progress').getAttribute('data-done'), { timeout: 90_000 }).toBe(String(SEATED));
    const codes = (await page.locator('[data-testid^="card-"][data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!))).slice(0, PRESENT);
    expect(new Set(codes).size).toBe(PRESENT);
    const hallTablets = await ProtocolTablets.pairAndCheckIn(s.http, codes.slice(0, PRESENT - 1));
    const tabletPage = await browserTablet(s.browser, s.server.url, codes[PRESENT - 1]!);
    screens.push(tabletPage);

    // ---- the projector, from a display token made on the console ----
    await tab(page, 'projector');
    await page.getByTestId('display-token-create').click();
    const projectorUrl = (await page.getByTestId('projector-url').inputValue()) + '&cycle=3';
    const proj = await openScreen(s.browser, projectorUrl, HD);
    screens.push(proj);

    const ratedByBase = new Map<string, Map<string, string>>();
    for (const base of ['rated-majority', 'valid-majority'] as const) {
      // ---- 测评 2023 年民生实事项目: all 15 projects ticked, numbered 1…15, the county's rule chosen ----
      await tab(page, 'ballots');
      await page.getByTestId('evaluation-new').click();
      expect(await page.getByTestId('evaluation-new').count()).toBe(0);
      const form = page.getByTestId('evaluation-form');
      await form.waitFor();
      await expect.poll(() => form.locator('[data-testid^="eval-pick-"]').count()).toBe(15);
      expect(await form.locator('[data-testid^="eval-pick-"]:checked').count()).toBe(15);
      expect(await page.getByTestId('eval-options').textContent()).toContain('满意 / 基本满意 / 不满意');
      await page.locator('#eval-threshold').selectOption(base);
      expect(await page.getByTestId('eval-skip-note').textContent()).toBe(
        base === 'rated-majority' ? '代表未评价的项目不计入该项目的测评。' : '代表未评价的项目计入该项目的基数（不计为满意或基本满意）。',
      );
      expect(await form.textContent()).not.toMatch(/赞成|弃权/);
      await shot(page, `console-eval-form-${base}.png`);
      await page.getByTestId('eval-create').click();
      await page.getByTestId('ballot-screen').waitFor();
      const ballotId = (await page.getByTestId('ballot-screen').getAttribute('data-ballot-id'))!;
      expect(await page.getByTestId('rules-summary').textContent()).not.toMatch(/赞成|弃权/);

      await page.getByTestId('ballot-open').click();
      await page.getByTestId('ballot-open-confirm').click(); // 开始投票 asks first (issue 13)
      await page.getByTestId('countdown').waitFor();

      // ---- the real tablet: the evaluation paper, the skip wording true to the setting, never 弃权 ----
      const tp = tabletPage.page;
      await tp.locator(`[data-testid="ballot-screen"][data-ballot-id="${ballotId}"]`).waitFor();
      const skip = base === 'rated-majority' ? '未评价的项目不计入该项目的测评' : '未评价的项目计入该项目的基数（不计为满意或基本满意）';
      expect(await tp.getByTestId('skip-note').textContent()).toBe(skip);
      expect(await tp.locator('[data-testid^="cand-"][data-seq]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))))).toEqual(
        [...Array(15).keys()].map((i) => i + 1),
      );
      for (const [k, p] of projects2023.entries()) if (k !== SKIPPY) await tp.getByTestId(`opt-${p.id}-satisfied`).click();
      await shot(tp, `tablet-eval-${base}.png`);
      expect(await tp.locator('body').textContent()).not.toContain('弃权');
      await tp.getByTestId('to-review').click();
      expect(await tp.getByTestId('review-skip-note').textContent()).toContain(base === 'rated-majority' ? '不计入该项目的测评' : '计入该项目的基数');
      expect(await tp.locator('body').textContent()).not.toContain('弃权');
      await shot(tp, `tablet-eval-review-${base}.png`);
      await tp.getByTestId('review-confirm').click();
      await tp.locator(`[data-testid="receipt-screen"][data-ballot-id="${ballotId}"]`).waitFor();

      await hallTablets.vote(ballotId, (i) => {
        const marks: Record<string, string> = {};
        projects2023.forEach((p, k) => {
          const m = markOf(i, k);
          if (m) marks[p.id] = m;
        });
        return marks;
      });
      await expect.poll(() => page.getByTestId('turnout').getAttribute('data-voted')).toBe(String(PRESENT));
      await page.getByTestId('ballot-close').click();
      await page.getByTestId('ballot-close-confirm').click();
      await page.getByTestId('results-panel').waitFor();
      await page.getByTestId('ballot-announce').click();
      await page.getByTestId('ballot-announce-confirm').click();
      await page.locator('[data-testid="ballot-screen"][data-status="announced"]').waitFor();

      // ---- the console's tally against the independent one ----
      const want = expected(base);
      const shown = new Map<string, string>();
      for (const w of want) {
        const row = page.getByTestId(`tally-row-${w.id}`);
        const rating = (await row.getByTestId('eval-rating').getAttribute('data-rating'))!;
        expect(rating, w.id).toBe(w.rating);
        expect(await row.getByTestId('eval-rate').textContent(), w.id).toBe(`${(w.rate * 100).toFixed(1)}%`);
        shown.set(w.id, rating);
      }
      const counts = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
      for (const w of want) counts[w.rating as keyof typeof counts] += 1;
      expect(await page.getByTestId('eval-summary').textContent()).toBe(
        `满意 ${counts.satisfied} 件 / 基本满意 ${counts.basically_satisfied} 件 / 不满意 ${counts.dissatisfied} 件`,
      );
      // About 80 % satisfied: no project is 不满意 under either base.
      expect(counts.dissatisfied).toBe(0);
      await page.getByTestId('tally-table').scrollIntoViewIfNeeded();
      await shot(page, `console-eval-results-${base}.png`);
      ratedByBase.set(base, shown);

      // The public record recounts to the same ratings (format @2 for the rated-majority base).
      const record = (await s.http.get(`/api/ballots/${ballotId}/record`)).body;
      // Sealed secret papers (issue 11) carry their box: every secret record is @2, under either base.
      expect(record.format).toBe('piaojue/ballot-record@2');
      const again = recount(record);
      if (!again.ok) throw new Error(again.errors.join('\n'));
      expect(again.mismatches).toEqual([]);
      expect(again.tally.candidates.map((c) => c.rating)).toEqual(want.map((w) => w.rating));

      // ---- the projector: every row legible on 1920×1080, page by page, with the summary ----
      await proj.page.locator(`[data-testid="projector-results"][data-ballot-id="${ballotId}"]`).waitFor();
      const { seen } = await projectorRows(proj.page, projects2023.map((p) => p.id));
      for (const w of want) expect(seen.get(w.id), w.id).toBe(w.rating);
      expect(await proj.page.getByTestId('eval-summary').textContent()).toBe(
        `满意 ${counts.satisfied} 件 / 基本满意 ${counts.basically_satisfied} 件 / 不满意 ${counts.dissatisfied} 件`,
      );
    }
    // The two bases differ exactly where deputies skipped a project.
    expect(ratedByBase.get('rated-majority')!.get(projects2023[SKIPPY]!.id)).toBe('satisfied');
    expect(ratedByBase.get('valid-majority')!.get(projects2023[SKIPPY]!.id)).toBe('basically_satisfied');

    // The projector in English: the same rows, all on screen.
    const projEn = await openScreen(s.browser, projectorUrl.replace('&cycle=3', '&cycle=3&lang=en'), HD);
    screens.push(projEn);
    await projectorRows(projEn.page, projects2023.map((p) => p.id));
    await shot(projEn.page, 'projector-eval-en.png');
    hallTablets.close();

    // ---- the next 票决 form offers only this meeting's candidates, none ticked from last year ----
    await tab(page, 'ballots');
    await page.getByTestId('ballot-new').click();
    await page.getByTestId('ballot-form').waitFor();
    expect(await page.locator('#ballot-kind').count()).toBe(0);
    const picks = await page.locator('[data-testid^="pick-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(5)));
    expect(picks.sort()).toEqual(candidates2024.map((c) => c.id).sort());
    for (const p of projects2023) expect(picks).not.toContain(p.id);
    expect((await s.http.get(`/api/meetings/${meetingId}/candidates`)).body.candidates).toHaveLength(15);

    // ---- the projects carry the last announced rating (valid-majority) and 满意率 on the console ----
    const final = expected('valid-majority');
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('projects-year').selectOption('2023');
    for (const w of final) {
      await expect.poll(() => page.getByTestId(`project-row-${w.id}`).getByTestId('project-evaluation').getAttribute('data-rating')).toBe(w.rating);
    }
    await shot(page, 'console-projects-rated-2023.png');

    // ---- the public page ----
    const pub = await openScreen(s.browser, `${s.server.url}/public/?year=2023`, { width: 390, height: 844 });
    screens.push(pub);
    await expect.poll(() => pub.page.getByTestId('project-card').count()).toBe(15);
    for (const w of final) {
      const card = pub.page.locator(`[data-testid="project-card"][data-project-id="${w.id}"]`);
      expect(await card.getByTestId('evaluation').getAttribute('data-rating'), w.id).toBe(w.rating);
      expect(await card.getByTestId('satisfaction-rate').textContent(), w.id).toContain('满意率');
    }
    await shot(pub.page, 'public-rated-2023.png');

    // ---- the completion report prints every rating on A4, nothing clipped ----
    await page.getByTestId('projects-report-link').click();
    await page.getByTestId('completion-report').waitFor();
    await expect.poll(() => page.getByTestId('completion-eval').count()).toBe(15);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    const cells = await page.getByTestId('completion-eval').evaluateAll((els) =>
      els.map((td) => {
        const box = td.getBoundingClientRect();
        const lines = [...td.querySelectorAll('span')].map((sp) => sp.getBoundingClientRect());
        return {
          rating: td.getAttribute('data-rating'),
          text: td.textContent ?? '',
          clipped: td.scrollWidth > td.clientWidth || lines.some((l) => l.right > box.right + 0.5 || l.left < box.left - 0.5),
          pageRight: box.right <= document.documentElement.clientWidth,
        };
      }),
    );
    await page.emulateMedia({ media: 'screen' });
    for (const c of cells) {
      expect(c.clipped, c.text).toBe(false);
      expect(c.pageRight, c.text).toBe(true);
      expect(c.text).toMatch(/^(满意|基本满意)满意率 \d+\.\d%$/);
    }
    expect(cells.map((c) => c.rating).sort()).toEqual(final.map((w) => w.rating).sort());
    await printed(page, 'completion-report-rated-2023');

    for (const x of screens) expect(x.errors, x.page.url()).toEqual([]);
  });
});
