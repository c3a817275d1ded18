import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/import/csv.ts';
import { ballotRecordSchema, type Tally } from '../../shared/record.ts';
import { computeTally } from '../../shared/rules/tally.ts';
import {
  auditCount,
  browserTablet,
  consoleScreen,
  createMeetingUi,
  downloaded,
  FIXTURE_CSV,
  HD,
  MEETING_NAME,
  openScreen,
  printed,
  preferenceMarks,
  previewCsv,
  ProtocolTablets,
  rosterText,
  saveImport,
  shot,
  useStage,
  tab,
  UHD,
  voteOnTablet,
} from './console-driver.ts';

// Issue 4, done when: a whole session runs from the console — meeting, roster and the fixture's candidate table
// imported through the preview, pairing codes issued, tablets (two of them real pages) paired and checked in,
// quorum watched live, a 10-of-15 ballot opened, voted, closed and announced — and the projector's chart shows
// the numbers the server tallied, read from the page.

const { s, screens } = useStage();

describe('a session from first check-in to announced result', () => {
  it('runs through the console, tablets and the projector', { timeout: 240_000 }, async () => {
    const con = await consoleScreen(s);
    screens.push(con);
    const page = con.page;

    // ---- meeting ----
    await page.locator('#meeting-name').fill(MEETING_NAME);
    await page.locator('#meeting-date').fill('2023-02-21');
    await shot(page, 'console-01-meetings.png');
    const meetingId = await createMeetingUi(page);
    expect((await s.http.get(`/api/meetings/${meetingId}`)).body.meeting).toMatchObject({ name: MEETING_NAME, date: '2023-02-21' });
    await expect.poll(() => page.getByTestId('meeting-title').textContent()).toContain(MEETING_NAME);

    // ---- roster: a flawed CSV is previewed with its problems by row and column, nothing saved ----
    const roster = rosterText(30);
    const lines = roster.trimEnd().split('\n');
    const flawed = [lines[0], lines[1], lines[2]!.replace(/^[^,]+/, ''), lines[3]!.replace(/,[^,]+,([^,]*),/, `,${lines[1]!.split(',')[1]},${lines[1]!.split(',')[2]},`), ...lines.slice(4)].join('\n');
    expect(await previewCsv(page, 'roster', flawed)).toBe('problems');
    const problems = page.getByTestId('import-roster-problem');
    await expect.poll(() => problems.count()).toBeGreaterThanOrEqual(2);
    expect(await problems.nth(0).getAttribute('data-row')).toBe('3');
    expect(await problems.nth(0).getAttribute('data-column')).toBe('姓名');
    expect(await problems.nth(1).getAttribute('data-row')).toBe('4');
    expect(await problems.nth(1).getAttribute('data-column')).toBe('座位号');
    expect(await page.locator('#import-roster-cell-3-0').getAttribute('data-problem')).toBe('0');
    expect(await page.getByTestId('import-roster-save').isDisabled()).toBe(true);
    await page.getByTestId('import-roster-problems-view').scrollIntoViewIfNeeded();
    await shot(page, 'console-02-import-problems.png');
    expect((await s.http.get(`/api/meetings/${meetingId}/deputies`)).body.deputies).toHaveLength(0);

    // ---- the clean roster, then the fixture's 附件 CSV chosen as a file ----
    expect(await previewCsv(page, 'roster', roster)).toBe('clean');
    expect(await page.getByTestId('import-roster-parsed').getAttribute('data-count')).toBe('30');
    expect(await saveImport(page, 'roster')).toContain('30');
    expect(await previewCsv(page, 'candidates', { file: FIXTURE_CSV })).toBe('clean');
    expect(await page.getByTestId('import-candidates-parsed').getAttribute('data-count')).toBe('15');
    await shot(page, 'console-03-import-preview.png');
    expect(await saveImport(page, 'candidates')).toContain('15');
    const candidates = (await s.http.get(`/api/meetings/${meetingId}/candidates`)).body.candidates as { id: string; seq: number; name: string }[];
    expect(candidates.map((c) => c.seq)).toEqual([...Array(15).keys()].map((i) => i + 1));
    expect(candidates[0]!.name).toBe('口袋公园建设项目');
    const deputies = (await s.http.get(`/api/meetings/${meetingId}/deputies`)).body.deputies as { id: string; name: string }[];
    expect(deputies).toHaveLength(30);

    // ---- pairing codes: one per deputy, each card with the QR code for /tablet/#code= ----
    await tab(page, 'cards');
    await page.getByTestId('cards-issue-all').click();
    await expect.poll(() => page.getByTestId('cards-progress').getAttribute('data-done'), { timeout: 30_000 }).toBe('30');
    const codes = new Map<string, string>();
    for (const d of deputies) {
      const card = page.getByTestId(`card-${d.id}`);
      const code = (await card.getAttribute('data-code'))!;
      expect(code).toMatch(/^\d{8}$/);
      expect(await card.locator('svg.qr').first().getAttribute('data-text')).toBe(`${s.server.url}/tablet/#code=${code}`);
      codes.set(d.id, code);
    }
    await page.getByTestId('card-sheet').scrollIntoViewIfNeeded();
    await shot(page, 'console-04-pairing-cards.png');
    await printed(page, 'console-04-pairing-cards');

    // ---- check-in, live: 18 tablets first (20 are needed for a quorum of 30) ----
    await tab(page, 'checkin');
    await page.getByTestId('attendance').waitFor();
    expect(await page.getByTestId('attendance').getAttribute('data-quorum-met')).toBe('false');
    const codeOf = (i: number) => codes.get(deputies[i]!.id)!;
    const early = await ProtocolTablets.pairAndCheckIn(s.http, [...Array(18).keys()].map(codeOf));
    await expect.poll(() => page.getByTestId('attendance').getAttribute('data-present')).toBe('18');
    expect(await page.getByTestId('quorum').textContent()).toContain('不足法定人数');
    await shot(page, 'console-05-checkin-no-quorum.png');

    // A ballot with every rule visible; it cannot open without a quorum, and says why.
    await tab(page, 'ballots');
    await page.getByTestId('ballot-new').click();
    await page.locator('#ballot-title').fill('2023年沁水县民生实事项目票决');
    await page.locator('#ballot-seats').fill('10');
    await page.locator('#ballot-duration').fill('10');
    await shot(page, 'console-06-ballot-form.png');
    await page.getByTestId('ballot-create').click();
    await page.getByTestId('ballot-screen').waitFor();
    const ballotId = (await page.getByTestId('ballot-screen').getAttribute('data-ballot-id'))!;
    const created = (await s.http.get(`/api/ballots/${ballotId}`)).body;
    expect(created.ballot).toMatchObject({ seats: 10, maxApprovals: 10, threshold: 'seated-majority', blank: 'abstain', ties: 'runoff', secret: true, durationSeconds: 600, status: 'draft' });
    expect(created.candidates).toHaveLength(15);
    expect(await page.getByTestId('ballot-open').isDisabled()).toBe(true);
    expect(await page.getByTestId('open-reason').textContent()).toContain('不足法定人数');

    // ---- the rest of the hall: 3 more protocol tablets, 2 real tablet pages, 1 手动补签到 ----
    const late = await ProtocolTablets.pairAndCheckIn(s.http, [18, 19, 20].map(codeOf));
    const tabletA = await browserTablet(s.browser, s.server.url, codeOf(21));
    const tabletB = await browserTablet(s.browser, s.server.url, codeOf(22));
    screens.push(tabletA, tabletB);
    await tab(page, 'checkin');
    await expect.poll(() => page.getByTestId('attendance').getAttribute('data-present')).toBe('23');
    const manual = deputies[23]!;
    await page.getByTestId(`manual-${manual.id}`).click();
    await page.locator(`#checkin-note-${manual.id}`).fill('平板故障，工作人员核验代表证');
    await page.getByTestId(`manual-submit-${manual.id}`).click();
    await expect.poll(() => page.getByTestId('attendance').getAttribute('data-present')).toBe('24');
    expect(await page.getByTestId('attendance').getAttribute('data-quorum-met')).toBe('true');
    const attendance = (await s.http.get(`/api/meetings/${meetingId}/attendance`)).body;
    expect(attendance).toMatchObject({ seated: 30, present: 24, quorum: { required: 20, met: true } });
    for (const d of attendance.byDelegation as { name: string; present: number }[]) {
      expect(await page.getByTestId(`att-del-${d.name}`).getAttribute('data-present')).toBe(String(d.present));
    }
    const audit = (await s.http.get(`/api/audit?meetingId=${meetingId}&action=check_in.manual`)).body.events;
    expect(audit).toHaveLength(1);
    await shot(page, 'console-07-checkin-quorum.png');

    // ---- the projector, from a display token made on the console ----
    await tab(page, 'projector');
    await page.locator('#display-label').fill('主会场');
    await page.getByTestId('display-token-create').click();
    const projectorUrl = (await page.getByTestId('projector-url').inputValue()) + '&cycle=6';
    expect(projectorUrl).toMatch(new RegExp(`^${s.server.url}/projector/#token=`));
    const proj = await openScreen(s.browser, projectorUrl, HD);
    screens.push(proj);
    const hall = proj.page;
    await hall.locator('[data-testid="projector"][data-screen="attendance"]').waitFor();
    expect(await hall.getByTestId('projector-meeting').textContent()).toBe(MEETING_NAME);
    expect(await hall.getByTestId('projector-present').getAttribute('data-value')).toBe('24');
    expect(await hall.getByTestId('projector-seated').getAttribute('data-value')).toBe('30');
    expect(await hall.getByTestId('projector-quorum').getAttribute('data-met')).toBe('true');
    await shot(hall, 'projector-01-attendance.png');

    // ---- open from the console; the tablets and the projector follow ----
    await page.goto(`${s.server.url}/console/#/m/${meetingId}/ballots/${ballotId}`);
    await page.getByTestId('ballot-open').click();
    await page.getByTestId('ballot-open-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="open"]').waitFor();
    await page.getByTestId('countdown').waitFor();
    await hall.locator('[data-testid="projector"][data-screen="ballot"]').waitFor();
    expect(await hall.getByTestId('projector-ballot-title').textContent()).toBe('2023年沁水县民生实事项目票决');
    expect(await hall.locator('.countdown-value').textContent()).toMatch(/^(10:00|09:[0-5]\d)$/);

    // ---- voting: 21 protocol tablets, the two pages by hand; the manually checked-in deputy does not vote ----
    const ids = candidates.map((c) => c.id);
    const marksOf = preferenceMarks(ids, 10, 5);
    await early.vote(ballotId, marksOf);
    await late.vote(ballotId, (i) => marksOf(18 + i));
    await voteOnTablet(tabletA.page, ballotId, ids.slice(0, 10));
    await expect.poll(() => hall.getByTestId('projector-turnout').getAttribute('data-voted')).toBe('22');
    await shot(hall, 'projector-02-ballot.png');
    await voteOnTablet(tabletB.page, ballotId, ids.slice(0, 10));
    await expect.poll(() => page.getByTestId('turnout').getAttribute('data-voted')).toBe('23');
    await expect.poll(() => page.getByTestId('not-voted').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('not-voted').textContent()).toContain(manual.name);
    expect(await page.getByTestId('turnout').textContent()).not.toContain('赞成');
    await expect.poll(() => hall.getByTestId('projector-turnout').getAttribute('data-voted')).toBe('23');
    expect(await hall.getByTestId('projector').textContent()).not.toMatch(/赞成|反对/);
    await shot(page, 'console-08-ballot-running.png');

    // ---- close, review, announce ----
    await page.getByTestId('ballot-close').click();
    await page.getByTestId('ballot-close-confirm').click();
    await page.getByTestId('results-panel').waitFor();
    await hall.locator('[data-testid="projector"][data-screen="counting"]').waitFor();
    await shot(hall, 'projector-03-counting.png');
    const { tally } = (await s.http.get(`/api/ballots/${ballotId}/tally`)).body as { tally: Tally };
    expect(tally.papers).toEqual({ returned: 23, valid: 23, invalid: 0 });
    expect(tally.notVoted).toBe(1);
    expect(tally.selected).toHaveLength(10);
    expect(await page.getByTestId('sum-returned').getAttribute('data-value')).toBe('23');
    expect(await page.getByTestId('sum-not-voted').getAttribute('data-value')).toBe('1');
    for (const c of tally.candidates) {
      const row = page.getByTestId(`tally-row-${c.id}`);
      expect(await row.getAttribute('data-for')).toBe(String(c.counts.for));
      expect(await row.getByTestId('count-against').textContent()).toBe(String(c.counts.against));
      expect(await row.getByTestId('count-abstain').textContent()).toBe(String(c.counts.abstain));
      expect(await row.getAttribute('data-selected')).toBe(String(c.selected));
    }
    await shot(page, 'console-09-results.png');
    // Not announced yet: the projector shows no numbers.
    expect(await hall.getByTestId('projector-chart').count()).toBe(0);
    await page.getByTestId('ballot-announce').click();
    await page.getByTestId('ballot-announce-confirm').click();
    await page.locator('[data-testid="ballot-screen"][data-status="announced"]').waitFor();

    // ---- the projector's chart, read from the page, against the server's tally ----
    await hall.locator('[data-testid="projector-results"][data-phase="chart"]').waitFor();
    const rows = hall.locator('[data-testid^="bar-row-"]');
    expect(await rows.count()).toBe(15);
    for (const c of tally.candidates) {
      const bar = hall.getByTestId(`bar-${c.id}`);
      expect(await bar.getAttribute('data-count'), c.id).toBe(String(c.counts.for));
      expect(await bar.textContent(), c.id).toBe(String(c.counts.for));
      expect(await hall.getByTestId(`bar-row-${c.id}`).getAttribute('data-selected')).toBe(String(c.selected));
    }
    // Rank order: 赞成 never increases down the chart.
    const shown = await rows.evaluateAll((els) => els.map((e) => Number(e.querySelector('[data-count]')!.getAttribute('data-count'))));
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    expect(await hall.getByTestId('projector-chart').getAttribute('data-threshold')).toBe('15');
    await shot(hall, 'projector-04-results.png');
    await hall.setViewportSize(UHD);
    await shot(hall, 'projector-05-results-4k.png');
    await hall.setViewportSize(HD);
    await hall.locator('[data-testid="projector-results"][data-phase="list"]').waitFor({ timeout: 15_000 });
    expect(await hall.getByTestId('projector-selected').getAttribute('data-ids')).toBe(tally.selected.join(','));
    await shot(hall, 'projector-06-selected.png');

    // ---- exports: the record recounts to the same tally; the CSV opens in Excel ----
    const record = await downloaded(page, () => page.getByTestId('export-record').click());
    const parsed = ballotRecordSchema.parse(JSON.parse(record.text));
    expect(parsed.papers).toHaveLength(23);
    expect(computeTally({ rules: parsed.ballot, attendance: parsed.attendance, candidates: parsed.candidates, papers: parsed.papers })).toEqual(tally);
    const csv = await downloaded(page, () => page.getByTestId('export-csv').click());
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const table = parseCsv(csv.text);
    expect(table.ok && table.rows[0]!.cells).toEqual(['名次', '序号', '项目名称', '预算（万元）', '赞成', '反对', '弃权', '过半数', '当选']);
    expect(table.rows).toHaveLength(16);
    // Excel and Word, made by the server, saved under the server's file names.
    const xlsx = await downloaded(page, () => page.getByTestId('export-xlsx').click());
    expect(xlsx.name.endsWith('.xlsx') && xlsx.text.startsWith('PK')).toBe(true);
    const turnout = await downloaded(page, () => page.getByTestId('export-turnout').click());
    expect(turnout.name.endsWith('.xlsx') && turnout.text.startsWith('PK')).toBe(true);

    // ---- the printed report ----
    await page.getByTestId('report-link').click();
    await page.getByTestId('report').waitFor();
    expect(await page.getByTestId('report').textContent()).toContain('总监票人');
    expect(await page.getByTestId('report-selected').locator('li').count()).toBe(10);
    // The audit head after the announcement, for the scrutineers to sign (issue 12), and the pairings and manual
    // check-ins made after voting began — here the tablets that paired once the ballot had opened.
    const { anchor } = (await s.http.get(`/api/ballots/${ballotId}/anchor`)).body as { anchor: { seq: number; hash: string } };
    await expect.poll(() => page.getByTestId('report-anchor').getAttribute('data-seq')).toBe(String(anchor.seq));
    expect(await page.getByTestId('report-anchor').textContent()).toContain(`--expect ${anchor.seq}:${anchor.hash}`);
    const after = (await s.http.get(`/api/meetings/${meetingId}/after-opening`)).body as { pairings: { deputyName: string }[] };
    const oversight = (await page.getByTestId('report-oversight').textContent())!;
    for (const p of after.pairings) expect(oversight).toContain(p.deputyName);
    expect(await hall.getByTestId('projector-anchor').textContent()).toContain(anchor.hash);
    expect(await page.getByTestId('report').textContent()).toContain('（北京时间 UTC+8）');
    const docx = await downloaded(page, () => page.getByTestId('report-docx').click());
    expect(docx.name.endsWith('.docx') && docx.text.startsWith('PK')).toBe(true);
    await printed(page, 'console-10-report');

    // ---- the audit log, verified ----
    await tab(page, 'audit');
    await expect.poll(() => page.getByTestId('chain-status').getAttribute('data-ok')).toBe('true');
    expect(Number(await page.getByTestId('audit-count').getAttribute('data-count'))).toBeGreaterThan(10);
    expect(await page.locator('[data-action="ballot.announced"]').count()).toBe(1);
    await shot(page, 'console-11-audit.png');
    expect(await auditCount(s.http)).toBeGreaterThan(0);

    early.close();
    late.close();
    for (const x of [con, tabletA, tabletB, proj]) expect(x.errors).toEqual([]);
  });
});
