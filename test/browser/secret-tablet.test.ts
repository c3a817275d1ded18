import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { chromium, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui } from '../helpers/hall.ts';
import { CHROMIUM_ARGS, ensureChromium, LANDSCAPE } from './chromium.ts';
import { closeBallot, onWatchedPage, openBallot, pairingCode, shot, useTabletRig } from './support.ts';

// Issue 11, in real Chromium: a deputy votes in a secret ballot on a real tablet page. Once the ballot closes the
// tablet's storage — localStorage, sessionStorage, IndexedDB, Cache Storage, cookies — holds no paper id, tracker,
// marks or deputy-keyed receipt; the receipt screen shows nothing that finds the deputy's paper in the scrutineers'
// paper list (fresh ids, marks). The ballot and review screens say 无记名投票; this meeting set no scrutineer key, so
// every screen says 演示/培训. Revoking the tablet clears all of its storage.

const rig = useTabletRig('secret-tablet');

interface Stored {
  local: Record<string, string>;
  session: Record<string, string>;
  indexedDb: { name: string; stores: Record<string, unknown[]> }[];
  caches: { name: string; urls: string[] }[];
  cookies: string[];
}

/** Everything the page's storage holds, as an attacker with the collected tablet would read it. */
async function storageOf(page: Page): Promise<Stored> {
  const inPage = await page.evaluate(async () => {
    const dump = (s: Storage) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)!).map((k) => [k, s.getItem(k) ?? '']));
    const indexedDb: { name: string; stores: Record<string, unknown[]> }[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const stores: Record<string, unknown[]> = {};
      for (const name of Array.from(db.objectStoreNames)) {
        stores[name] = await new Promise<unknown[]>((resolve) => {
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => resolve([]);
        });
      }
      db.close();
      indexedDb.push({ name: info.name, stores });
    }
    const cacheList: { name: string; urls: string[] }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      cacheList.push({ name, urls: (await cache.keys()).map((r) => r.url) });
    }
    return { local: dump(localStorage), session: dump(sessionStorage), indexedDb, caches: cacheList, documentCookie: document.cookie };
  });
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`);
  return { local: inPage.local, session: inPage.session, indexedDb: inPage.indexedDb, caches: inPage.caches, cookies: [...cookies, inPage.documentCookie].filter(Boolean) };
}

/** Every hex run of 12 or more digits in a text (ids and trackers as an attacker would grep them). */
const hexRuns = (text: string) => text.replace(/\s+/g, '').toLowerCase().match(/[0-9a-f]{12,}/g) ?? [];

describe('a secret ballot on a real tablet', () => {
  it('leaves nothing on the tablet that links the deputy to marks; the receipt does not find the paper; revoking clears everything', async () => {
    const hall = await setUpQinshui(rig.hall.http, 30);
    const others = hall.deputies.slice(0, 20);
    const tokens = await pairTablets(rig.hall.http, hall.meetingId, others.map((d) => d.id));
    for (const t of tokens) expect((await rig.hall.http.post('/api/deputy/check-in', {}, t)).status).toBeLessThan(300);
    const deputy = hall.deputies[20]!;
    const code = await pairingCode(rig.hall.http, hall.meetingId, deputy.id);
    const ids = hall.candidateIds;

    await onWatchedPage(rig.browser, { viewport: LANDSCAPE, locale: 'zh-CN' }, 'secret-FAILED.png', async (page) => {
      await page.goto(`${rig.hall.server.url}/tablet/?code=${code}`);
      await page.getByTestId('checkin-button').click();
      await page.getByTestId('waiting-screen').waitFor();
      // A meeting without a scrutineer key is a training meeting, and the tablet says so.
      expect(await page.getByTestId('training-banner').textContent()).toContain('演示/培训：密钥由服务器托管');

      const ballotId = await openBallot(rig.hall.http, hall.meetingId, { title: '2023年民生实事项目票决（无记名）', seats: 10 });
      await page.locator(`[data-testid="ballot-screen"][data-ballot-id="${ballotId}"]`).waitFor();
      expect(await page.getByTestId('secrecy-badge').textContent()).toContain('无记名投票');
      expect(await page.getByTestId('secrecy-badge').getAttribute('data-secret')).toBe('true');
      const mine: Record<string, string> = {};
      ids.slice(0, 7).forEach((id) => (mine[id] = 'for'));
      ids.slice(7, 10).forEach((id) => (mine[id] = 'against'));
      mine[ids[10]!] = 'abstain';
      for (const [id, option] of Object.entries(mine)) await page.getByTestId(`opt-${id}-${option}`).click();
      await shot(page, 'secret-01-ballot.png');
      await page.getByTestId('to-review').click();
      await page.getByTestId('review-screen').waitFor();
      for (const badge of await page.getByTestId('review-screen').getByTestId('secrecy-badge').all()) expect(await badge.textContent()).toContain('无记名投票');
      await shot(page, 'secret-02-review.png');
      await page.getByTestId('review-confirm').click();
      await page.getByTestId('receipt-tracker').waitFor();
      await page.getByTestId('receipt-verified').waitFor();
      const shortForm = (await page.getByTestId('receipt-tracker').textContent())!;
      expect(shortForm).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
      const receiptText = (await page.getByTestId('receipt-screen').textContent())!;
      await shot(page, 'secret-03-receipt.png');

      // While the ballot is open the tablet does keep its receipt (so the check below can see it go).
      const during = JSON.stringify(await storageOf(page));
      expect(during).toContain(shortForm.replaceAll(' ', ''));
      expect(Object.keys((await storageOf(page)).local).some((k) => k.startsWith(`piaojue.tablet.${deputy.id}.receipt.`))).toBe(true);

      // The rest of the hall votes; the secretariat closes.
      const rnd = seeded(11);
      for (const t of tokens) expect((await rig.hall.http.post(`/api/deputy/ballots/${ballotId}/papers`, { key: newKey(rnd), marks: randomMarks(ids, 10, rnd) }, t)).status).toBe(201);
      await closeBallot(rig.hall.http, ballotId);
      await page.getByTestId('ballot-closed').waitFor();
      const closedText = (await page.getByTestId('ballot-closed').textContent())!;
      await shot(page, 'secret-04-closed.png');

      // ---- the tablet's storage after the close ----
      const after = await storageOf(page);
      const dumped = JSON.stringify(after);
      const record = (await rig.hall.http.get(`/api/ballots/${ballotId}/record`)).body as { papers: { id: string; marks: Record<string, string> }[]; box: string[] };
      expect(record.papers).toHaveLength(21);
      const myTracker = record.box.find((t) => t.startsWith(shortForm.replaceAll(' ', '')));
      expect(myTracker, 'the receipt is the tracker of a paper in the box').toBeDefined();
      expect(dumped).not.toContain(shortForm.replaceAll(' ', ''));
      expect(dumped).not.toContain(myTracker!);
      for (const p of record.papers) expect(dumped).not.toContain(p.id);
      for (const id of ids) expect(dumped, `candidate ${id} (marks) in storage`).not.toContain(id);
      for (const option of ['"for"', '"against"', '"abstain"']) expect(dumped).not.toContain(option);
      expect(Object.keys(after.local).filter((k) => k.startsWith(`piaojue.tablet.${deputy.id}.`))).toEqual([]);
      expect(Object.keys(after.local).filter((k) => /receipt|outbox|draft|paper|envelope|tracker/i.test(k))).toEqual([]);
      expect(after.session).toEqual({});
      expect(after.indexedDb).toEqual([]);
      expect(after.caches).toEqual([]);
      expect(after.cookies).toEqual([]);

      // ---- the receipt finds nothing in the paper list: not an id, not a digest, not the marks ----
      const mySeen = [receiptText, closedText];
      const myPaper = record.papers.filter((p) => JSON.stringify(p.marks) === JSON.stringify(Object.fromEntries(Object.entries(mine).sort())));
      expect(myPaper.length, 'the deputy’s paper is in the list (by its marks)').toBeGreaterThanOrEqual(1);
      for (const text of mySeen) {
        const runs = hexRuns(text);
        for (const p of record.papers) {
          const idHex = p.id.replace(/^p-/, '');
          expect(text).not.toContain(p.id);
          for (const run of runs) {
            expect(idHex.includes(run) || run.includes(idHex.slice(0, 12)), `receipt ${run} points at paper ${p.id}`).toBe(false);
          }
        }
        for (const c of hall.candidateIds) expect(text).not.toContain(c);
        for (const word of ['赞成', '反对', '弃权']) expect(text).not.toContain(word);
      }

      // ---- a training meeting says so on the projector, the public page and the report too ----
      expect((await rig.hall.http.post(`/api/ballots/${ballotId}/announce`)).status).toBe(200);
      const display = (await rig.hall.http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '主屏' })).body as { token: string };
      const others_ = await rig.browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' });
      try {
        const proj = await others_.newPage();
        await proj.goto(`${rig.hall.server.url}/projector/?token=${encodeURIComponent(display.token)}`);
        expect(await proj.getByTestId('training-banner').textContent()).toContain('演示/培训：密钥由服务器托管');
        const pub = await others_.newPage();
        await pub.goto(`${rig.hall.server.url}/public/?year=2023`);
        expect(await pub.getByTestId(`box-${ballotId}`).getByTestId('training-banner').textContent()).toContain('演示/培训：密钥由服务器托管');
        await pub.getByTestId(`box-${ballotId}`).scrollIntoViewIfNeeded();
        await shot(pub, 'secret-06-public-training.png');
      } finally {
        await others_.close();
      }
      const docx = await fetch(`${rig.hall.server.url}/api/ballots/${ballotId}/report.docx`, { headers: { cookie: rig.hall.http.cookie! } });
      expect(docx.status).toBe(200);
      const reportText = (await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
      expect(reportText).toContain('演示/培训：密钥由服务器托管');

      // ---- revoking the tablet clears all of its storage ----
      await page.evaluate(async () => {
        sessionStorage.setItem('x', 'y');
        document.cookie = 'leftover=1; path=/';
        await new Promise<void>((resolve) => {
          const req = indexedDB.open('leftover-db');
          req.onupgradeneeded = () => req.result.createObjectStore('s');
          req.onsuccess = () => {
            req.result.close();
            resolve();
          };
        });
        await (await caches.open('leftover-cache')).put('/tablet/leftover', new Response('x'));
      });
      const seeded_ = await storageOf(page);
      expect(seeded_.indexedDb.map((d) => d.name)).toEqual(['leftover-db']);
      expect(seeded_.caches.map((c) => c.name)).toEqual(['leftover-cache']);
      expect(Object.keys(seeded_.local).length).toBeGreaterThan(0);
      const device = JSON.parse(seeded_.local['piaojue.tablet.device']!) as { deviceId: string };
      expect((await rig.hall.http.post(`/api/devices/${device.deviceId}/revoke`)).status).toBe(200);
      await page.getByTestId('pair-screen').waitFor();
      await expect.poll(async () => JSON.stringify(await storageOf(page)), { timeout: 10_000 }).toBe(
        JSON.stringify({ local: {}, session: {}, indexedDb: [], caches: [], cookies: [] }),
      );
      await shot(page, 'secret-05-revoked.png');
    });
  }, 180_000);

  it('leaves no marks in the tablet browser profile on disk: storage keeps removed values in its files', async () => {
    // The collected tablet read as a disk, not through the page: Chromium keeps localStorage in a LevelDB log in
    // which a removed value stays until compaction. A deputy who takes their time marking must leave no trace.
    const hall = await setUpQinshui(rig.hall.http, 5);
    const tokens = await pairTablets(rig.hall.http, hall.meetingId, hall.deputies.slice(0, 3).map((d) => d.id));
    for (const t of tokens) expect((await rig.hall.http.post('/api/deputy/check-in', {}, t)).status).toBeLessThan(300);
    const code = await pairingCode(rig.hall.http, hall.meetingId, hall.deputies[3]!.id);
    const profile = path.join(rig.hall.dir, 'tablet-profile');
    const context = await chromium.launchPersistentContext(profile, { executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS, viewport: LANDSCAPE, locale: 'zh-CN' });
    const ids = hall.candidateIds;
    let ballotId = '';
    try {
      const page = await context.newPage();
      await page.goto(`${rig.hall.server.url}/tablet/?code=${code}`);
      await page.getByTestId('checkin-button').click();
      await page.getByTestId('waiting-screen').waitFor();
      ballotId = await openBallot(rig.hall.http, hall.meetingId, { title: '无记名票决（磁盘）', seats: 10 });
      await page.locator(`[data-testid="ballot-screen"][data-ballot-id="${ballotId}"]`).waitFor();
      for (const id of ids.slice(0, 3)) await page.getByTestId(`opt-${id}-for`).click();
      await page.getByTestId(`opt-${ids[3]}-against`).click();
      // The deputy reads the paper for a while: longer than Chromium waits before it writes storage to disk.
      await page.waitForTimeout(8000);
      await page.getByTestId('to-review').click();
      await page.getByTestId('review-confirm').click();
      await page.getByTestId('receipt-tracker').waitFor();
      await closeBallot(rig.hall.http, ballotId);
      await page.getByTestId('ballot-closed').waitFor();
      await page.waitForTimeout(1000);
    } finally {
      await context.close();
    }
    const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? files(path.join(d, n)) : [path.join(d, n)]));
    const marks = [`"${ids[0]}":"for"`, `"${ids[3]}":"against"`];
    for (const file of files(profile)) {
      const bytes = readFileSync(file);
      for (const m of marks) {
        expect(bytes.includes(Buffer.from(m, 'latin1')) || bytes.includes(Buffer.from(m, 'utf16le')), `${path.relative(profile, file)} holds ${m}`).toBe(false);
      }
    }
    expect(ballotId).not.toBe('');
  }, 180_000);
});
