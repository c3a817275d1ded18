import { createHash } from 'node:crypto';
import type { Browser, BrowserContextOptions, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { paperDigest } from '../../shared/paper.ts';
import { pairTablets, setUpQinshui, type Hall } from '../helpers/hall.ts';
import type { Http, Reply } from '../helpers/http.ts';
import { startHallServer, type HallServer } from '../helpers/server.ts';
import { artifactPath, launchChromium } from './chromium.ts';

// What the tablet browser tests share: a hall set up over HTTP with a quorum present, the secretariat's ballot
// calls, a switch that cuts the tablet's websocket, and screenshots.

/** The tablet page must have been built (`npm run build`, which `npm test` runs first); say so plainly if not. */
export async function assertTabletBuilt(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/tablet/`);
  if (res.status !== 200) throw new Error(`GET /tablet/ answered ${res.status}: build the client first (npm run build)`);
}

export interface TabletHall extends Hall {
  /** The deputy whose tablet the browser is; not paired, not checked in. */
  deputy: { id: string; name: string };
  /** A fresh one-time pairing code for that deputy. */
  code: string;
}

export interface TabletRig {
  /** The server process, the admin's HTTP client, the data directory. */
  hall: HallServer;
  browser: Browser;
}

/**
 * Registers a tablet test file's rig: a real server named after `name` (admin signed in, the tablet screen
 * built) and Chromium, started before the file's tests and closed after them. Read it inside tests and hooks.
 */
export function useTabletRig(name: string): TabletRig {
  let up: TabletRig | undefined;
  beforeAll(async () => {
    const hall = await startHallServer(name);
    await assertTabletBuilt(hall.server.url);
    up = { hall, browser: await launchChromium() };
  }, 120_000);
  afterAll(async () => {
    await up?.browser.close();
    await up?.hall.close();
  });
  const get = () => {
    if (!up) throw new Error('the tablet rig is not up yet');
    return up;
  };
  return {
    get hall() {
      return get().hall;
    },
    get browser() {
      return get().browser;
    },
  };
}

/** The Qinshui meeting with `seated` deputies, `present` of them paired and checked in over HTTP. */
export async function setUpTabletHall(http: Http, seated = 30, present = 20): Promise<TabletHall> {
  const hall = await setUpQinshui(http, seated);
  const tokens = await pairTablets(http, hall.meetingId, hall.deputies.slice(0, present).map((d) => d.id));
  for (const token of tokens) {
    const res = await http.post('/api/deputy/check-in', {}, token);
    if (res.status >= 300) throw new Error(`check-in: ${JSON.stringify(res.body)}`);
  }
  const deputy = hall.deputies[present]!;
  return { ...hall, deputy, code: await pairingCode(http, hall.meetingId, deputy.id) };
}

export async function pairingCode(http: Http, meetingId: string, deputyId: string): Promise<string> {
  const res = await http.post(`/api/meetings/${meetingId}/deputies/${deputyId}/pairing-code`);
  if (res.status !== 201) throw new Error(`pairing code: ${JSON.stringify(res.body)}`);
  return res.body.code as string;
}

export async function openBallot(http: Http, meetingId: string, body: Record<string, unknown> = {}): Promise<string> {
  const created = await http.post(`/api/meetings/${meetingId}/ballots`, { title: '2023年民生实事项目票决', seats: 10, durationSeconds: 600, ...body });
  if (created.status !== 201) throw new Error(`create ballot: ${JSON.stringify(created.body)}`);
  const id = created.body.ballot.id as string;
  const opened = await http.post(`/api/ballots/${id}/open`);
  if (opened.status !== 200) throw new Error(`open ballot: ${JSON.stringify(opened.body)}`);
  return id;
}

export async function closeBallot(http: Http, ballotId: string): Promise<void> {
  const res = await http.post(`/api/ballots/${ballotId}/close`);
  if (res.status !== 200) throw new Error(`close ballot: ${JSON.stringify(res.body)}`);
}

/** The body of an answer whose status is in `status` (200 or 201); otherwise throws with `what`, the status and the body. */
export async function ok(res: Promise<Reply>, what: string, status = [200, 201]): Promise<any> {
  const r = await res;
  if (!status.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

let votedKeys = 0;

/**
 * Over HTTP, a ballot of `meetingId` (`ballot` overrides: seats…) in which each of `tokens` — paired tablets —
 * checks in and votes for every one of `forIds`; then closed and announced, which promotes the selection to
 * tracked projects (DESIGN §11). Returns the ballot id; throws on any refusal.
 */
export async function voteAndAnnounce(http: Http, meetingId: string, tokens: string[], forIds: string[], ballot: Record<string, unknown> = {}): Promise<string> {
  for (const token of tokens) await ok(http.post('/api/deputy/check-in', {}, token), 'check-in');
  const ballotId = await openBallot(http, meetingId, ballot);
  const marks = Object.fromEntries(forIds.map((c) => [c, 'for']));
  for (const token of tokens) await ok(http.post(`/api/deputy/ballots/${ballotId}/papers`, { key: `voted-key-${String(++votedKeys).padStart(12, '0')}`, marks }, token), 'paper');
  await closeBallot(http, ballotId);
  await ok(http.post(`/api/ballots/${ballotId}/announce`), 'announce');
  return ballotId;
}

/**
 * The 2023 session over HTTP: `deputies` deputies on tablets vote the first `seats` candidates in (all fifteen
 * when `seats` is 15); announcing promotes them. Returns the hall.
 */
export async function voted2023(http: Http, deputies = 3, seats = 10): Promise<Hall> {
  const hall = await setUpQinshui(http, deputies);
  const tokens = await pairTablets(http, hall.meetingId, hall.deputies.map((d) => d.id));
  await voteAndAnnounce(http, hall.meetingId, tokens, hall.candidateIds.slice(0, seats), { seats });
  return hall;
}

export interface RecordPaper {
  id: string;
  marks: Record<string, string>;
}

/** The exported record's papers, and a check that a receipt shown on the tablet names one of them exactly. */
export async function recordOf(http: Http, ballotId: string): Promise<{ papers: RecordPaper[]; tally: any }> {
  const res = await http.get(`/api/ballots/${ballotId}/record`);
  expect(res.status).toBe(200);
  return res.body;
}

export function digestOf(ballotId: string, paper: RecordPaper): string {
  return paperDigest(ballotId, paper.id, paper.marks, (utf8) => createHash('sha256').update(utf8).digest('hex'));
}

/** Every mark as the tally counts it: unmarked = abstain. */
export function countsOf(candidateIds: string[], marks: Record<string, string>) {
  return new Map(candidateIds.map((id) => [id, marks[id] ?? 'abstain']));
}

/**
 * Collects what the page said went wrong: uncaught errors (which fail a test) and, for the failure message, its
 * console errors and refused requests.
 */
export function watchPage(page: Page): { errors: string[]; explain: (err: unknown) => Error } {
  const errors: string[] = [];
  const log: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) log.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => log.push(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText ?? ''}`));
  return {
    errors,
    explain: (err) => {
      const base = err instanceof Error ? err : new Error(String(err));
      base.message += `\n--- the page (${page.url()}) ---\n${[...errors, ...log].join('\n') || '(nothing logged)'}`;
      return base;
    },
  };
}

/**
 * Runs `body` on a fresh page in a new context of `browser` (`options`: viewport, locale…), watched by watchPage:
 * it fails if the page raised an uncaught error; on any failure the page is screenshot as `failedShot` (in
 * test/artifacts/) and the error carries what the page logged. The context is closed either way.
 */
export async function onWatchedPage(browser: Browser, options: BrowserContextOptions, failedShot: string, body: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const { errors, explain } = watchPage(page);
  try {
    await body(page);
    expect(errors).toEqual([]);
  } catch (err) {
    await shot(page, failedShot).catch(() => {});
    throw explain(err);
  } finally {
    await context.close();
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(name), fullPage: false });
}

// ---- the tablet's network ----

type Frame = { dir: 'up' | 'down'; data: any };

/**
 * Sits between the page and the server on /ws (playwright's routeWebSocket; Chromium's offline emulation does
 * not touch open websockets). 'up': frames pass. 'down': open connections are cut and new ones refused, as
 * when the Wi-Fi drops. `loseNextReceipt()`: the next paper reaches the server and is committed, but its
 * receipt is lost and the network goes down at that moment — the case the outbox exists for.
 */
export class TabletNetwork {
  private state: 'up' | 'down' = 'up';
  private loseReceipt = false;
  private readonly live = new Set<{ page: WebSocketRoute; server: WebSocketRoute | null }>();
  readonly frames: Frame[] = [];
  connections = 0;

  async attach(page: Page): Promise<void> {
    await page.routeWebSocket(/\/ws$/, (ws) => this.accept(ws));
  }

  get isUp(): boolean {
    return this.state === 'up';
  }

  loseNextReceipt(): void {
    this.loseReceipt = true;
  }

  async down(): Promise<void> {
    this.state = 'down';
    await Promise.all([...this.live].map((c) => this.cut(c)));
  }

  up(): void {
    this.state = 'up';
  }

  sent(type: string): any[] {
    return this.frames.filter((f) => f.dir === 'up' && f.data?.type === type).map((f) => f.data);
  }

  received(type: string): any[] {
    return this.frames.filter((f) => f.dir === 'down' && f.data?.type === type).map((f) => f.data);
  }

  private accept(ws: WebSocketRoute): void {
    this.connections++;
    if (this.state === 'down') {
      void ws.close({ code: 1001, reason: 'network down' }).catch(() => {});
      return;
    }
    const conn = { page: ws, server: ws.connectToServer() };
    this.live.add(conn);
    ws.onMessage((message) => {
      this.frames.push({ dir: 'up', data: parse(message) });
      if (this.state === 'up') conn.server.send(message);
    });
    conn.server.onMessage((message) => {
      const data = parse(message);
      this.frames.push({ dir: 'down', data });
      if (this.state !== 'up') return;
      if (this.loseReceipt && data?.type === 'receipt') {
        this.loseReceipt = false;
        data.lost = true;
        void this.down();
        return;
      }
      ws.send(message);
    });
  }

  private async cut(conn: { page: WebSocketRoute; server: WebSocketRoute | null }): Promise<void> {
    this.live.delete(conn);
    await Promise.all([
      conn.page.close({ code: 1001, reason: 'network down' }).catch(() => {}),
      conn.server?.close({ code: 1001, reason: 'network down' }).catch(() => {}),
    ]);
  }
}

function parse(message: string | Buffer): any {
  try {
    return JSON.parse(String(message));
  } catch {
    return String(message);
  }
}
