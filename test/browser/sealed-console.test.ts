import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint, keyFromGroups, sheetGroups } from '../../shared/recovery-sheet.ts';
import { newKeyPair, publicKeyOf, sealReady, shortTracker } from '../../shared/seal.ts';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { startServer } from '../helpers/process.ts';
import { sealedRecordProblems } from '../helpers/sealed.ts';
import { ADMIN_PASSWORD, consoleScreen, freePort, HD, openScreen, printed, shot, stage, type Screen, type Stage } from './console-driver.ts';

// Issue 11 in the console, projector and public page, real server process and Chromium: the console makes the
// scrutineer key pair in the browser and shows the recovery sheet once; the server is killed (-9) mid-ballot, so
// the ballot key is gone; after the close a scrutineer types the sheet into the 启封 screen — a mistyped group, a
// sheet of another meeting, then the right one — and the ballot goes on to its results with every acknowledged
// envelope counted. The public page shows the box and tally and finds a deputy's receipt code in it.

const DEPUTIES = 24;
let s: Stage;
const screens: Screen[] = [];

beforeAll(async () => {
  s = await stage({ port: await freePort() });
  await sealReady();
}, 120_000);

afterAll(async () => {
  for (const sc of screens) await sc.context.close().catch(() => {});
  await s?.close();
});

async function typeSheet(page: Page, groups: string[]) {
  for (const [i, g] of groups.entries()) await page.locator(`#unseal-${i}`).fill(g);
}

describe('the scrutineer key, the recovery sheet and the opening with it', () => {
  it('makes the sheet in the console, survives kill -9 mid-ballot, opens with the typed sheet, publishes the box', { timeout: 300_000 }, async () => {
    let http = s.http;
    const hall = await setUpQinshui(http, DEPUTIES);
    const m = hall.meetingId;
    const tokens = await pairTablets(http, m, hall.deputies.map((d) => d.id));
    for (const t of tokens) expect((await http.post('/api/deputy/check-in', {}, t)).status).toBeLessThan(300);
    const display = (await http.post(`/api/meetings/${m}/display-tokens`, { label: '主屏' })).body as { token: string };
    const projectorUrl = `${s.server.url}/projector/?token=${encodeURIComponent(display.token)}`;

    // ---- before the key: a training meeting, and every screen says so ----
    const proj = await openScreen(s.browser, projectorUrl, HD);
    screens.push(proj);
    await proj.page.locator('[data-testid="projector"][data-conn="online"]').waitFor();
    expect(await proj.page.getByTestId('training-banner').textContent()).toContain('演示/培训：密钥由服务器托管');
    await shot(proj.page, 'sealed-00-projector-training.png');

    const con = await consoleScreen(s);
    screens.push(con);
    const page = con.page;
    await page.goto(`${s.server.url}/console/#/m/${m}/ballots`);
    await page.locator('[data-testid="skey-panel"][data-state="none"]').waitFor();
    expect(await page.getByTestId('training-banner').textContent()).toContain('演示/培训：密钥由服务器托管');
    await shot(page, 'sealed-01-console-training.png');

    // ---- 制作监票人密钥: made here, the public half to the server, the sheet shown once ----
    await page.getByTestId('skey-make').click();
    await page.getByTestId('recovery-sheet').waitFor();
    expect(await page.getByTestId('skey-once').textContent()).toContain('只显示这一次');
    const groups: string[] = [];
    for (let i = 0; i < 13; i++) groups.push((await page.getByTestId(`sheet-group-${i}`).locator('.sheet-group').textContent())!);
    const fingerprint = (await page.getByTestId('sheet-fingerprint').textContent())!;
    expect(await page.getByTestId('sheet-meeting').textContent()).toBe('沁水县第十七届人民代表大会第四次会议');
    const meeting = (await http.get(`/api/meetings/${m}`)).body.meeting as { keyEscrow: string; scrutineerPublicKey: string };
    expect(meeting.keyEscrow).toBe('scrutineer');
    // The sheet holds the private half of exactly the key the server got; the server never saw the private half.
    expect(publicKeyOf(keyFromGroups(groups))).toBe(meeting.scrutineerPublicKey);
    expect(fingerprint).toBe(keyFingerprint(meeting.scrutineerPublicKey));
    const audit = JSON.stringify((await http.get('/api/audit?limit=1000')).body);
    expect(audit).not.toContain(keyFromGroups(groups));
    await expect.poll(() => page.getByTestId('training-banner').count()).toBe(0);
    const qr = await page.locator('.recovery-sheet svg.qr').getAttribute('data-text');
    expect(qr).toBe(`PIAOJUE-SK1:${groups.join('-')}`);
    await shot(page, 'sealed-02-sheet.png');
    await printed(page, 'sealed-03-sheet');
    // Closed once: gone from the page for good.
    await page.getByTestId('skey-done').click();
    await page.getByTestId('skey-done-confirm').click();
    await page.locator('[data-testid="skey-panel"][data-state="set"]').waitFor();
    expect(await page.getByTestId('skey-status').textContent()).toContain(fingerprint);
    expect(await page.content()).not.toContain(groups[0]!);
    await shot(page, 'sealed-04-key-set.png');

    // ---- the ballot: secret, on the projector too; half the hall votes; kill -9 ----
    const b = await http.post(`/api/meetings/${m}/ballots`, { title: '2023年民生实事项目票决', seats: 10, durationSeconds: 3600 });
    const ballotId = b.body.ballot.id as string;
    expect((await http.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);
    await proj.page.reload();
    await proj.page.locator('[data-testid="projector"][data-screen="ballot"]').waitFor();
    expect(await proj.page.getByTestId('projector-secrecy').textContent()).toBe('无记名投票');
    expect(await proj.page.getByTestId('training-banner').count()).toBe(0);
    await shot(proj.page, 'sealed-05-projector-ballot.png');

    const rnd = seeded(33);
    const papers = tokens.map(() => ({ key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }));
    const receipts: { ballotId: string; tracker?: string }[] = [];
    for (let i = 0; i < DEPUTIES / 2; i++) {
      const r = await http.post(`/api/deputy/ballots/${ballotId}/papers`, papers[i], tokens[i]);
      expect(r.status).toBe(201);
      receipts.push(r.body.receipt);
    }
    await s.server.kill9();
    s.server = await startServer({ dataDir: s.dataDir, env: { PORT: String(s.server.port) } });
    http = new Http(s.server.url);
    await http.login('admin', ADMIN_PASSWORD);
    for (let i = DEPUTIES / 2; i < DEPUTIES; i++) {
      const r = await http.post(`/api/deputy/ballots/${ballotId}/papers`, papers[i], tokens[i]);
      expect(r.status).toBe(201);
      receipts.push(r.body.receipt);
    }
    expect((await http.post(`/api/ballots/${ballotId}/close`)).body.ballot).toMatchObject({ status: 'closed', openingPending: true });

    // ---- 启封 in the console, by a scrutineer ----
    await http.post('/api/accounts', { username: 'jianpiao', password: 'jianpiao-password', role: 'scrutineer' });
    const scr = await openScreen(s.browser, `${s.server.url}/console/`);
    screens.push(scr);
    const sp = scr.page;
    await sp.getByTestId('login-form').waitFor();
    await sp.locator('#login-username').fill('jianpiao');
    await sp.locator('#login-password').fill('jianpiao-password');
    await sp.getByTestId('login-submit').click();
    await sp.getByTestId('meetings-screen').waitFor();
    await sp.goto(`${s.server.url}/console/#/m/${m}/ballots/${ballotId}`);
    await sp.getByTestId('unseal-panel').waitFor();
    expect(await sp.getByTestId('unseal-why').textContent()).toContain('24 张已确认的选票仍处于密封状态');
    expect(await sp.getByTestId('results-panel').count()).toBe(0);
    await shot(sp, 'sealed-06-unseal.png');

    // A mistyped group: caught by its check symbol, in place, before anything is sent.
    const typo = [...groups];
    const g3 = typo[3]!;
    typo[3] = g3.slice(0, 2) + (g3[2] === '7' ? '8' : '7') + g3.slice(3);
    await typeSheet(sp, typo);
    expect(await sp.getByTestId('unseal-group-3').getAttribute('data-state')).toBe('bad_check');
    expect(await sp.getByTestId('unseal-group-2').getAttribute('data-state')).toBe('ok');
    await sp.getByTestId('unseal-submit').click();
    expect(await sp.getByTestId('unseal-error').textContent()).toBe('第 4 组：校验位不符，请核对');
    await shot(sp, 'sealed-07-unseal-typo.png');

    // Another meeting's sheet: every group checks, but it does not open this ballot's key.
    const other = newKeyPair();
    await typeSheet(sp, sheetGroups(other.secretKey));
    await sp.getByTestId('unseal-submit').click();
    await expect.poll(() => sp.getByTestId('unseal-error').textContent()).toContain('这张恢复单不属于本会议');
    expect(await sp.getByTestId('unseal-error').textContent()).toContain(keyFingerprint(other.publicKey));
    expect(await sp.getByTestId('unseal-error').textContent()).toContain(fingerprint);
    expect((await http.get(`/api/ballots/${ballotId}`)).body.ballot.openingPending).toBe(true);
    await shot(sp, 'sealed-08-unseal-wrong-meeting.png');

    // The right sheet, typed in lower case with O for 0: opened, counted, on to the results.
    await typeSheet(sp, groups.map((g) => g.toLowerCase().replaceAll('0', 'o')));
    for (let i = 0; i < 13; i++) expect(await sp.getByTestId(`unseal-group-${i}`).getAttribute('data-state')).toBe('ok');
    await sp.getByTestId('unseal-submit').click();
    await sp.getByTestId('results-panel').waitFor();
    expect(await sp.getByTestId('unseal-panel').count()).toBe(0);
    await shot(sp, 'sealed-09-results.png');
    const record = (await http.get(`/api/ballots/${ballotId}/record`)).body;
    expect(record.papers).toHaveLength(DEPUTIES);
    expect(sealedRecordProblems(record, receipts, papers.map((p) => p.marks))).toEqual([]);

    // ---- announced: the public page shows the box and tally, and finds a receipt code ----
    expect((await http.post(`/api/ballots/${ballotId}/announce`)).status).toBe(200);
    const docx = await fetch(`${s.server.url}/api/ballots/${ballotId}/report.docx`, { headers: { cookie: http.cookie! } });
    expect((await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value).not.toContain('演示/培训');
    const pub = await openScreen(s.browser, `${s.server.url}/public/?year=2023`, { width: 390, height: 844 });
    screens.push(pub);
    const pp = pub.page;
    const box = pp.getByTestId(`box-${ballotId}`);
    await box.waitFor();
    expect(await box.getByTestId('box-count').textContent()).toBe(String(DEPUTIES));
    expect(await box.getByTestId('training-banner').count()).toBe(0);
    expect(await box.getByTestId('box-tally').locator('tbody tr').count()).toBe(hall.candidateIds.length);
    const code = shortTracker(receipts[5]!.tracker!);
    await box.getByTestId('box-lookup-input').fill(code);
    await box.getByTestId('box-lookup-submit').click();
    expect(await box.getByTestId('box-lookup-answer').getAttribute('data-answer')).toBe('found');
    expect(await box.getByTestId('box-lookup-answer').textContent()).toContain('在票箱中');
    await box.getByTestId('box-lookup').scrollIntoViewIfNeeded();
    await shot(pp, 'sealed-10-public-found.png');
    const wrong = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    await box.getByTestId('box-lookup-input').fill(wrong);
    await box.getByTestId('box-lookup-submit').click();
    expect(await box.getByTestId('box-lookup-answer').getAttribute('data-answer')).toBe('missing');
    expect(await box.getByTestId('box-lookup-answer').textContent()).toContain('票箱中没有这个回执码');
    await shot(pp, 'sealed-11-public-missing.png');
    await box.getByTestId('box-lookup-input').fill('xyz');
    await box.getByTestId('box-lookup-submit').click();
    expect(await box.getByTestId('box-lookup-answer').getAttribute('data-answer')).toBe('problem');
    // Nothing overflows the phone's width.
    expect(await pp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    for (const sc of [proj, con, scr, pub]) expect(sc.errors).toEqual([]);
  });
});
