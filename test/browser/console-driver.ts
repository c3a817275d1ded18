import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { demoRoster, rosterCsv } from '../../server/demo/roster.ts';
import { FIXTURES, seeded, setUpQinshui, TOWNSHIPS, type Hall } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { ADMIN_PASSWORD, startServer, type ServerProcess } from '../helpers/process.ts';
import { tablet, type WsClient } from '../helpers/ws.ts';
import { artifactPath, launchChromium } from './chromium.ts';

// What the console, projector and session browser tests share: a real server process, a real Chromium, the
// console driven through its own forms, protocol tablets for the bulk of the hall, and screenshots.

export { ADMIN_PASSWORD, freePort } from '../helpers/process.ts';
export const LAPTOP = { width: 1440, height: 900 };
export const HD = { width: 1920, height: 1080 };
export const UHD = { width: 3840, height: 2160 };
export const FIXTURE_CSV = fileURLToPath(new URL('qinshui-2023-candidates.csv', FIXTURES));
export const MEETING_NAME = '沁水县第十七届人民代表大会第四次会议';

export interface Stage {
  server: ServerProcess;
  browser: Browser;
  http: Http;
  dataDir: string;
  close: () => Promise<void>;
}

/**
 * A real server on a fresh data directory with the admin signed in over HTTP. `port` for a server that must come
 * back on the same address; `env` for extra settings (e.g. MAX_CONNECTIONS_PER_ADDRESS when a hundred protocol
 * tablets all connect from loopback, where the hall's tablets would come from a hundred addresses).
 */
export async function stage(opts: { port?: number; env?: Record<string, string>; args?: string[] } = {}): Promise<Stage> {
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-console-'));
  const dataDir = path.join(dir, 'data');
  const env = { ...opts.env, ...(opts.port ? { PORT: String(opts.port) } : {}) };
  const server = await startServer({ dataDir, env, ...(opts.args ? { args: opts.args } : {}) });
  const http = new Http(server.url);
  await http.login('admin', ADMIN_PASSWORD);
  for (const screen of ['console', 'projector', 'tablet']) {
    const res = await fetch(`${server.url}/${screen}/`);
    if (res.status !== 200) throw new Error(`GET /${screen}/ answered ${res.status}: build the client first (npm run build)`);
  }
  const browser = await launchChromium();
  const st: Stage = {
    server,
    browser,
    http,
    dataDir,
    close: async () => {
      await browser.close().catch(() => {});
      await st.server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return st;
}

/**
 * Registers a test file's stage: started before its tests (options from `opts`, e.g. a fixed port), closed after
 * them together with every screen pushed to `screens`. `s` stands for the stage once it is up.
 */
export function useStage(opts: () => Promise<{ port?: number }> | { port?: number } = () => ({})): { s: Stage; screens: Screen[] } {
  let st: Stage | undefined;
  const up = () => {
    if (!st) throw new Error('the stage is not up yet (use it inside a test or a hook)');
    return st;
  };
  const screens: Screen[] = [];
  beforeAll(async () => {
    st = await stage(await opts());
  }, 120_000);
  afterAll(async () => {
    for (const x of screens) await x.context.close().catch(() => {});
    await st?.close();
  });
  const s: Stage = {
    get server() {
      return up().server;
    },
    set server(server: ServerProcess) {
      up().server = server;
    },
    get browser() {
      return up().browser;
    },
    get http() {
      return up().http;
    },
    get dataDir() {
      return up().dataDir;
    },
    close: () => up().close(),
  };
  return { s, screens };
}

export interface Screen {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page: each test ends by asserting there were none. */
  errors: string[];
}

export async function openScreen(browser: Browser, url: string, viewport = LAPTOP): Promise<Screen> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}

/** The console, signed in through its own form. */
export async function consoleScreen(s: Stage): Promise<Screen> {
  const screen = await openScreen(s.browser, `${s.server.url}/console/`);
  const { page } = screen;
  await page.getByTestId('login-form').waitFor();
  await page.locator('#login-username').fill('admin');
  await page.locator('#login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('meetings-screen').waitFor();
  return screen;
}

/**
 * The console signed in (consoleScreen), kept in `screens` so the file's useStage closes it after the tests; with
 * `hash`, gone to that screen of the console (e.g. `/m/<meeting id>/cards`) and waited for the element `ready`.
 */
export async function consoleAt(s: Stage, screens: Screen[], hash?: string, ready?: string): Promise<Screen> {
  const screen = await consoleScreen(s);
  screens.push(screen);
  if (hash !== undefined) await screen.page.goto(`${s.server.url}/console/#${hash}`);
  if (ready !== undefined) await screen.page.getByTestId(ready).waitFor();
  return screen;
}

/**
 * The Qinshui meeting of `deputies` deputies set up over the stage's admin (setUpQinshui) and the console signed in
 * beside it (consoleAt, on the meetings list): the hall, the console's screen, and `m`, the meeting's address in the
 * console (…/console/#/m/<meeting id>), to which a screen's path is added.
 */
export async function hallAndConsole(s: Stage, screens: Screen[], deputies: number): Promise<{ hall: Hall; m: string; cs: Screen }> {
  const hall = await setUpQinshui(s.http, deputies);
  return { hall, m: `${s.server.url}/console/#/m/${hall.meetingId}`, cs: await consoleAt(s, screens) };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(name), fullPage: false });
}

export const A4 = { width: 794, height: 1123 };

/** The page as printed: a PDF on A4, and a screenshot of the print layout at A4's width. */
export async function printed(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize(A4);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifactPath(`${name}-print.png`), fullPage: true });
  await page.pdf({ path: artifactPath(`${name}.pdf`), format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  if (viewport) await page.setViewportSize(viewport);
}

export async function createMeetingUi(page: Page, name = MEETING_NAME, date = '2023-02-21'): Promise<string> {
  await page.locator('#meeting-name').fill(name);
  await page.locator('#meeting-date').fill(date);
  await page.getByTestId('meeting-create').click();
  await page.getByTestId('import-screen').waitFor();
  const m = /#\/m\/([^/]+)\//.exec(page.url());
  if (!m) throw new Error(`no meeting in ${page.url()}`);
  return decodeURIComponent(m[1]!);
}

export const tab = async (page: Page, name: string) => {
  await page.getByTestId(`tab-${name}`).click();
};

export function rosterText(count: number): string {
  return rosterCsv(demoRoster(TOWNSHIPS, count));
}

/** Preview a CSV through the import panel; resolves once the preview (clean or with problems) is shown. */
export async function previewCsv(page: Page, kind: 'roster' | 'candidates', csv: string | { file: string }): Promise<'clean' | 'problems'> {
  const panel = page.getByTestId(`import-${kind}-panel`);
  if (typeof csv === 'string') await panel.getByTestId(`import-${kind}-text`).fill(csv);
  else {
    // The file's bytes go to the server as they are; the panel names the chosen file.
    await panel.getByTestId(`import-${kind}-file`).setInputFiles(csv.file);
    await expect.poll(async () => ((await panel.getByTestId(`import-${kind}-chosen`).count()) ? await panel.getByTestId(`import-${kind}-chosen`).textContent() : '')).toContain(path.basename(csv.file));
  }
  await panel.getByTestId(`import-${kind}-preview`).click();
  const result = panel.locator(`[data-testid="import-${kind}-result"][data-current="true"]`);
  await result.waitFor();
  return (await result.getAttribute('data-state')) === 'ok' ? 'clean' : 'problems';
}

export async function saveImport(page: Page, kind: 'roster' | 'candidates'): Promise<string> {
  const panel = page.getByTestId(`import-${kind}-panel`);
  await panel.getByTestId(`import-${kind}-save`).click();
  const saved = panel.getByTestId(`import-${kind}-saved`);
  await saved.waitFor();
  return (await saved.textContent()) ?? '';
}

/** Papers sent over the realtime protocol by tablets the test holds (the bulk of the hall). */
export class ProtocolTablets {
  private constructor(readonly clients: WsClient[]) {}

  /**
   * Issues pairing codes for the first `present` deputies of `hall` (all when omitted), then pairs and checks in a
   * tablet for each, in seat order.
   */
  static async seat(http: Http, hall: Hall, present = hall.deputies.length): Promise<ProtocolTablets> {
    const codes: string[] = [];
    for (const d of hall.deputies.slice(0, present)) codes.push((await http.post(`/api/meetings/${hall.meetingId}/deputies/${d.id}/pairing-code`)).body.code);
    return ProtocolTablets.pairAndCheckIn(http, codes);
  }

  static async pairAndCheckIn(http: Http, codes: string[]): Promise<ProtocolTablets> {
    const clients: WsClient[] = [];
    for (const code of codes) {
      const paired = await http.request('POST', '/api/devices/pair', { code }, 'none');
      if (paired.status !== 200) throw new Error(`pair: ${JSON.stringify(paired.body)}`);
      const c = await tablet(http.baseUrl, paired.body.token as string);
      c.send({ type: 'checkIn', id: `in-${clients.length}` });
      await c.waitFor('checkedIn');
      clients.push(c);
    }
    return new ProtocolTablets(clients);
  }

  /** Each tablet (or those listed) submits its paper and waits for the receipt. */
  async vote(ballotId: string, marksOf: (i: number) => Record<string, string>, which?: number[]): Promise<void> {
    await Promise.all(
      this.clients.map(async (c, i) => {
        if (which && !which.includes(i)) return;
        await c.waitFor('ballot', (m) => m.ballot?.id === ballotId);
        const id = `paper-${ballotId}-${i}`;
        c.send({ type: 'submitPaper', id, ballotId, key: randomUUID().replaceAll('-', ''), marks: marksOf(i) });
        const answer = await Promise.race([c.waitFor('receipt', (m) => m.id === id), c.waitFor('error', (m) => m.id === id)]);
        if (answer.type !== 'receipt') throw new Error(`paper ${i} refused: ${JSON.stringify(answer)}`);
      }),
    );
  }

  close(): void {
    for (const c of this.clients) c.close();
  }
}

/**
 * Marks with clear preferences: candidate k is liked in proportion to how early it is, with a seeded jitter per
 * deputy; each paper gives 赞成 to its top `cap`, 反对 to the next three, and leaves the rest unmarked.
 */
export function preferenceMarks(candidateIds: string[], cap: number, seed: number): (i: number) => Record<string, string> {
  return (i) => {
    const rnd = seeded(seed * 1000 + i);
    const order = candidateIds
      .map((id, k) => ({ id, score: 1 - k / candidateIds.length + rnd() * 0.7 }))
      .sort((a, b) => b.score - a.score)
      .map((x) => x.id);
    const marks: Record<string, string> = {};
    order.slice(0, cap).forEach((id) => (marks[id] = 'for'));
    order.slice(cap, cap + 3).forEach((id) => (marks[id] = 'against'));
    return marks;
  };
}

/** A tablet as a real browser page, paired from the QR code's URL and checked in on its own screen. */
export async function browserTablet(browser: Browser, baseUrl: string, code: string): Promise<Screen> {
  const screen = await openScreen(browser, `${baseUrl}/tablet/?code=${code}`, { width: 1280, height: 800 });
  await screen.page.getByTestId('checkin-button').click();
  await screen.page.getByTestId('waiting-screen').waitFor();
  return screen;
}

/** A deputy votes on the tablet page: 赞成 for the given candidates, then review and confirm; the receipt shows. */
export async function voteOnTablet(page: Page, ballotId: string, forIds: string[]): Promise<void> {
  await page.locator(`[data-testid="ballot-screen"][data-ballot-id="${ballotId}"]`).waitFor();
  for (const id of forIds) await page.getByTestId(`opt-${id}-for`).click();
  await page.getByTestId('to-review').click();
  await page.getByTestId('review-confirm').click();
  await page.locator(`[data-testid="receipt-screen"][data-ballot-id="${ballotId}"]`).waitFor();
}

/** Reads a download the page starts when `click` runs. */
export async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
}

export async function auditCount(http: Http): Promise<number> {
  const res = await http.get('/api/audit?limit=1000');
  return (res.body.events as unknown[]).length;
}
