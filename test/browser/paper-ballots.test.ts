import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tally } from '../../shared/record.ts';
import { recount } from '../../shared/recount.ts';
import { seeded, setUpQinshui } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { pdfText, pdfToPngs } from '../office/libreoffice.ts';
import { measureText } from './text-fit.ts';
import { artifactPath, LANDSCAPE } from './chromium.ts';
import { consoleScreen, HD, MEETING_NAME, openScreen, printed, ProtocolTablets, type Screen, shot, useStage } from './console-driver.ts';

// Issue 17, done when: a whole ballot on paper (30 deputies) from creation to announcement, in the browser — the
// console creates a paper ballot, prints the numbered A4 ballots (PDF), issues them to everyone present, closes;
// two clerks enter the 30 papers on their own keyboard-first screens, a scrutineer settles the two papers they
// disagree on, the count joins the tally and the ballot is announced.

const { s, screens } = useStage();

/** A staff account made by the admin, its one-time password changed, signed in on its own browser screen. */
async function staffScreen(username: string, role: 'operator' | 'scrutineer'): Promise<Screen> {
  const first = `${username}-first-pass`;
  const created = await s.http.post('/api/accounts', { username, password: first, role });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const h = new Http(s.server.url);
  await h.login(username, first);
  expect((await h.post('/api/password', { currentPassword: first, newPassword: `${username}-password` })).status).toBe(200);
  const screen = await openScreen(s.browser, `${s.server.url}/console/`);
  screens.push(screen);
  const { page } = screen;
  await page.getByTestId('login-form').waitFor();
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(`${username}-password`);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('meetings-screen').waitFor();
  return screen;
}

const KEY: Record<string, string> = { for: '1', against: '2', abstain: '3' };

/** expect.poll with room for a busy machine (its default gives a screen one second to catch up). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

/** The serial printed on the i-th ballot (0-based): 0001, 0002, … */
const serialOf = (i: number) => String(i + 1).padStart(4, '0');

/** Enters one paper on the clerk's screen with the keyboard only: serial, Enter, one key per candidate, Enter. */
async function enterByKeyboard(page: Page, serial: string, candidateIds: string[], paper: { marks: Record<string, string> } | { spoiled: number }) {
  await page.getByTestId('entry-serial').waitFor();
  await page.keyboard.type(String(Number(serial)));
  await page.keyboard.press('Enter');
  await page.getByTestId('entry-pad').waitFor();
  if ('spoiled' in paper) {
    await page.keyboard.press('f');
    await page.keyboard.press(String(paper.spoiled));
  } else {
    for (const id of candidateIds) await page.keyboard.press(KEY[paper.marks[id] ?? ''] ?? '0');
  }
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="entry-message"].ok').filter({ hasText: serial }).waitFor();
}

describe('a whole ballot on paper', () => {
  it('runs from creation to announcement in the console', { timeout: 600_000 }, async () => {
    const { http } = s;
    const hall = await setUpQinshui(http, 30);
    const cands = hall.candidateIds;
    const tablets = await ProtocolTablets.seat(http, hall);

    // ---- creation: the ballot form's 纸质选票 option ----
    const con = await consoleScreen(s);
    screens.push(con);
    const page = con.page;
    await page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/ballots`);
    await page.getByTestId('ballot-new').click();
    await page.locator('#ballot-title').fill('2023年民生实事项目票决（纸质选票）');
    await page.locator('#ballot-seats').fill('10');
    await page.getByTestId('ballot-paper').check();
    await page.getByTestId('ballot-create').click();
    await page.locator('[data-testid="ballot-screen"][data-status="draft"]').waitFor();
    const ballotId = (await page.getByTestId('ballot-screen').getAttribute('data-ballot-id'))!;
    expect((await http.get(`/api/ballots/${ballotId}`)).body.ballot.paperOnly).toBe(true);

    // ---- print 30 numbered ballots, before opening; the A4 sheets as PDF ----
    await page.getByTestId('paper-count').fill('30');
    await page.getByTestId('paper-print').click();
    await poll(async () => (await page.getByTestId('paper-printed').textContent()) ?? '').toBe('30');
    await page.getByTestId('ballot-open').click();
    await page.getByTestId('ballot-open-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="open"]').waitFor();
    // The hall's projector, from the opening on.
    const token = (await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '主会场' })).body.token as string;
    const proj = await openScreen(s.browser, `${s.server.url}/projector/?token=${encodeURIComponent(token)}`, HD);
    screens.push(proj);
    await proj.page.locator('[data-testid="projector"][data-screen="ballot"]').waitFor();
    // Every tablet is told to use the paper ballot; a tablet paper is refused.
    await tablets.clients[0]!.waitFor('ballot', (m) => m.ballot?.id === ballotId && m.ballot.paperOnly === true);
    await expect(tablets.vote(ballotId, () => ({ [cands[0]!]: 'for' }), [0])).rejects.toThrow(/paper_ballot_issued/);

    const sheets = await openScreen(s.browser, `${s.server.url}/console/`);
    screens.push(sheets);
    await sheets.page.context().addCookies(await page.context().cookies());
    await sheets.page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/ballots/${ballotId}/paper-print`);
    await sheets.page.reload(); // the console read its session before the cookie was set
    await sheets.page.getByTestId('paper-sheets').waitFor();
    expect(await sheets.page.getByTestId('paper-sheet').count()).toBe(30);
    const firstSheet = sheets.page.getByTestId('paper-sheet').first();
    expect(await firstSheet.getAttribute('data-serial')).toBe('0001');
    const text = (await firstSheet.textContent()) ?? '';
    for (const w of ['沁水县', '2023年民生实事项目票决（纸质选票）', '赞成', '反对', '弃权', '最多可对 10 个项目投赞成票', '未作标记的项目按弃权计', '0001', '口袋公园']) expect(text).toContain(w);
    await firstSheet.screenshot({ path: artifactPath('paper-01-ballot-sheet.png') });
    await printed(sheets.page, 'paper-02-ballots');
    // One A4 page per ballot: a sheet that spills over prints a stray second page carrying only its serial.
    const pdf = readFileSync(artifactPath('paper-02-ballots.pdf'));
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(30);
    // The PDF read back by poppler: page n is the ballot numbered n; each carries the meeting, the title, the
    // candidates in ballot order, the three boxes' heads, the cap and the blank rule in words; page 1 as a PNG.
    const pages = pdfText(pdf, { raw: true }).split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(30);
    const names = ((await http.get(`/api/ballots/${ballotId}`)).body.candidates as { name: string }[]).map((c) => c.name);
    pages.forEach((p, i) => {
      expect(p.match(/№ \d{4}/g)).toEqual([`№ ${serialOf(i)}`, `№ ${serialOf(i)}`]);
      for (const w of [MEETING_NAME, '2023年民生实事项目票决（纸质选票）', '赞成', '反对', '弃权', '每张选票最多可对 10 个项目投赞成票，超过的为废票。', '未作标记的项目按弃权计。']) {
        expect(p).toContain(w);
      }
      const at = names.map((n) => p.indexOf(n));
      expect(at.every((x) => x >= 0) && at.every((x, k) => k === 0 || x > at[k - 1]!), `page ${i + 1}: candidates in ballot order`).toBe(true);
    });
    expect(pdfToPngs(pdf, 'paper-02-ballots-pdf', { pages: 1 })).toHaveLength(1);

    // ---- issue to everyone present: the ballot is on paper ----
    // A secret ballot: the console tells how to hand sheets out so no serial ties a deputy to a paper (DESIGN §5).
    expect(await page.getByTestId('paper-secret-hint').textContent()).toContain('从整叠选票中发放');
    await page.getByTestId('paper-issue-all').click();
    await page.getByTestId('paper-issue-all-confirm').click();
    await poll(async () => (await page.getByTestId('paper-issued').textContent()) ?? '').toBe('30');
    await shot(page, 'paper-03-console-issued.png');
    await page.getByTestId('ballot-close').click();
    await page.getByTestId('ballot-close-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="closed"]').waitFor();

    // The 30 papers as filled in: random within the cap; paper 7 over the cap (废票, entered as written); paper 12 torn.
    const rnd = seeded(30);
    const serials = Array.from({ length: 30 }, (_, i) => serialOf(i));
    const papers = serials.map((_, i): { marks: Record<string, string> } | { spoiled: number } => {
      if (i === 6) return { marks: Object.fromEntries(cands.slice(0, 11).map((c) => [c, 'for'])) };
      if (i === 11) return { spoiled: 1 };
      const marks: Record<string, string> = {};
      let n = 0;
      for (const c of cands) {
        const r = rnd();
        if (r < 0.75 && n < 10) (marks[c] = 'for'), n++;
        else if (r < 0.87) marks[c] = 'against';
        else if (r < 0.95) marks[c] = 'abstain';
      }
      return { marks };
    });

    // ---- two clerks, each on their own screen, keyboard only ----
    const clerk1 = await staffScreen('luru1', 'operator');
    const clerk2 = await staffScreen('luru2', 'operator');
    const entryUrl = `${s.server.url}/console/#/m/${hall.meetingId}/ballots/${ballotId}/paper-entry`;
    await clerk1.page.goto(entryUrl);
    await clerk2.page.goto(entryUrl);
    const started = Date.now();
    for (const [i, serial] of serials.entries()) await enterByKeyboard(clerk1.page, serial, cands, papers[i]!);
    const perPaperMs = (Date.now() - started) / 30;
    await shot(clerk1.page, 'paper-04-clerk-entry.png');
    // Clerk 2 misreads two papers: paper 3 (one mark) and paper 20 (takes it for torn).
    for (const [i, serial] of serials.entries()) {
      let p = papers[i]!;
      if (i === 2 && 'marks' in p) p = { marks: { ...p.marks, [cands[5]!]: p.marks[cands[5]!] === 'against' ? 'abstain' : 'against' } };
      if (i === 19) p = { spoiled: 1 };
      await enterByKeyboard(clerk2.page, serial, cands, p);
    }
    // The middle of an entry, for the screenshot: serial typed, five marks in.
    await clerk2.page.keyboard.type('5');
    await clerk2.page.keyboard.press('Enter');
    for (const k of ['1', '1', '2', '1', '3']) await clerk2.page.keyboard.press(k);
    await shot(clerk2.page, 'paper-05-clerk-entry-midway.png');
    await clerk2.page.keyboard.press('Escape');
    console.log(`paper entry by keyboard: ${perPaperMs.toFixed(0)} ms per paper (15 candidates), one clerk`);

    // The hall sees the progress on paper: issued 30, returned 30, entered twice 30, disputed 2.
    await proj.page.getByTestId('projector-counting').waitFor();
    await proj.page.getByTestId('projector-paper').waitFor();
    await poll(async () => proj.page.getByTestId('projector-paper-disputed').textContent()).toBe('2');
    // Legible from 20 m as the projector's other screens are (test/browser/projector-fit.test.ts): no text under
    // 2.2% of the screen's height, nothing clipped or overlapping.
    const fit = await measureText(proj.page, { minFontPx: Math.floor(HD.height * 0.022), ready: '[data-testid="projector-paper"]' });
    expect(fit.ready).toBe(true);
    expect(fit.problems).toEqual([]);
    const progress = (await http.get(`/api/ballots/${ballotId}/paper`)).body;
    expect(progress).toMatchObject({ issued: 30, printed: 30, returned: 30, enteredTwice: 30, disputed: 2 });

    // ---- the scrutineer decides the two papers from the papers themselves ----
    const scr = await staffScreen('jianpiao', 'scrutineer');
    await scr.page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/ballots/${ballotId}/paper-disputes`);
    await poll(() => scr.page.getByTestId('dispute').count()).toBe(2);
    expect(await scr.page.getByTestId('dispute').first().getAttribute('data-serial')).toBe('0003');
    expect(await scr.page.getByTestId('dispute').first().getByTestId('dispute-diff').count()).toBe(1);
    await shot(scr.page, 'paper-06-scrutineer-disputes.png');
    // Paper 3: entry 1 read it right (the decision starts from entry 1). Paper 20: the real marks, as entry 1.
    await scr.page.getByTestId('dispute').first().getByTestId('dispute-decide').click();
    await poll(() => scr.page.getByTestId('dispute').count()).toBe(1);
    await scr.page.getByTestId('dispute').first().getByTestId('dispute-decide').click();
    await scr.page.getByTestId('no-disputes').waitFor();

    // ---- count into the tally, review, announce ----
    await page.reload();
    await page.getByTestId('paper-count-in').click();
    await page.getByTestId('paper-count-in-confirm').click();
    await page.getByTestId('paper-counted').waitFor();
    await page.getByTestId('results-panel').waitFor();
    // The tally the secretariat reviews before announcing is the one with the paper ballots in it.
    for (const [key, value] of [['returned', '30'], ['valid', '28'], ['invalid', '2'], ['not-voted', '0']]) {
      await poll(() => page.getByTestId(`sum-${key}`).getAttribute('data-value')).toBe(value);
    }
    // 发出 and 收回 per source: every paper came on paper.
    for (const [key, value] of [['tablet-issued', '0'], ['tablet-returned', '0'], ['paper-issued', '30'], ['paper-returned', '30']]) {
      await poll(() => page.getByTestId(`sum-${key}`).getAttribute('data-value')).toBe(value);
    }
    await shot(page, 'paper-07-console-counted.png');
    await shot(proj.page, 'paper-08-projector-counting.png');

    const { tally } = (await http.get(`/api/ballots/${ballotId}/tally`)).body as { tally: Tally };
    // The count by hand: 30 returned; paper 7 (over the cap) and paper 12 (torn) invalid.
    expect(tally.papers).toEqual({ returned: 30, valid: 28, invalid: 2 });
    for (const c of tally.candidates) {
      const counts = { for: 0, against: 0, abstain: 0 };
      for (const p of papers) {
        if (!('marks' in p) || Object.values(p.marks).filter((m) => m === 'for').length > 10) continue;
        counts[(p.marks[c.id] ?? 'abstain') as 'for']++;
      }
      expect(c.counts).toEqual(counts);
    }
    const record = (await http.get(`/api/ballots/${ballotId}/record`)).body;
    expect(record.attendance).toEqual({ seated: 30, present: 30, issued: 30 });
    expect(record.papers.every((p: { source: string }) => p.source === 'paper')).toBe(true);
    const again = recount(record);
    expect(again.ok && again.mismatches).toEqual([]);

    await page.getByTestId('ballot-announce').click();
    await page.getByTestId('ballot-announce-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="announced"]').waitFor();
    await proj.page.locator(`[data-testid="projector-results"][data-ballot-id="${ballotId}"]`).waitFor();
    await shot(proj.page, 'paper-09-projector-results.png');
    for (const x of [con, clerk1, clerk2, scr, proj]) expect(x.errors).toEqual([]);
    tablets.close();
  });
});

describe('a paper ballot for one deputy', () => {
  it('the console refuses one who voted on the tablet, and says so; the failed tablet says 请使用纸质选票', { timeout: 300_000 }, async () => {
    const { http } = s;
    const hall = await setUpQinshui(http, 6);
    const tablets = await ProtocolTablets.seat(http, hall, 5);
    // Deputy 6 holds a real tablet page: paired, checked in.
    const deputy = hall.deputies[5]!;
    const code = (await http.post(`/api/meetings/${hall.meetingId}/deputies/${deputy.id}/pairing-code`)).body.code as string;
    const tab = await openScreen(s.browser, `${s.server.url}/tablet/?code=${code}`, LANDSCAPE);
    screens.push(tab);
    await tab.page.getByTestId('checkin-button').click();
    await tab.page.getByTestId('waiting-screen').waitFor();

    const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '2023年民生实事项目票决', seats: 10 });
    const ballotId = created.body.ballot.id as string;
    expect((await http.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);
    await tab.page.locator(`[data-testid="ballot-screen"][data-ballot-id="${ballotId}"]`).waitFor();
    // Deputy 1 votes on the tablet.
    await tablets.vote(ballotId, () => ({ [hall.candidateIds[0]!]: 'for' }), [0]);

    const con = await consoleScreen(s);
    screens.push(con);
    const page = con.page;
    await page.goto(`${s.server.url}/console/#/m/${hall.meetingId}/ballots/${ballotId}`);
    await page.locator('[data-testid="ballot-screen"][data-status="open"]').waitFor();
    await page.locator(`[data-testid="paper-deputy"] option[value="${deputy.id}"]`).waitFor({ state: 'attached' });

    // Deputy 1 has voted: no paper ballot, and the console says why.
    await page.getByTestId('paper-deputy').selectOption(hall.deputies[0]!.id);
    await page.getByTestId('paper-issue-one').click();
    const refusal = page.locator('[data-testid="paper-message"][role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('该代表已在表决器上投票，不能再发纸质选票');
    await shot(page, 'paper-10-console-voted-refused.png');
    expect((await http.get(`/api/ballots/${ballotId}/paper`)).body.issued).toBe(0);

    // Deputy 6's tablet failed: a paper ballot for them; their tablet tells them to use it.
    await page.getByTestId('paper-deputy').selectOption(deputy.id);
    await page.getByTestId('paper-issue-one').click();
    await page.locator('[data-testid="paper-message"][role="status"]').filter({ hasText: '已发出 1 张' }).waitFor();
    await poll(async () => (await page.getByTestId('paper-issued').textContent()) ?? '').toBe('1');
    const notice = tab.page.getByTestId('paper-ballot-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('请使用纸质选票');
    await shot(tab.page, 'paper-11-tablet-use-paper.png');
    for (const x of [con, tab]) expect(x.errors).toEqual([]);
    tablets.close();
  });
});
