import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { newKeyPair, openPaper, fromBase64, sealReady, trackerOf } from '../../shared/seal.ts';
import type { ServerMessage, WsBallot, WsCandidate } from '../../shared/ws.ts';
import { fakeSockets, type FakeConnection } from '../lib/fake-socket.ts';
import { PaperStore, type PendingPaper } from '../lib/outbox.ts';
import { memoryStore } from '../lib/storage.ts';
import { TabletController } from './controller.ts';
import { PAPER_RESEND_MS } from './paper-courier.ts';

const candidates: WsCandidate[] = Array.from({ length: 15 }, (_, i) => ({
  id: `c${i + 1}`,
  seq: i + 1,
  name: `项目${i + 1}`,
  category: null,
  budgetWan: 100,
  summary: '',
  annualTask: '',
  milestones: [],
}));
const ballot: WsBallot = {
  id: 'b1',
  title: '票决',
  kind: 'selection',
  options: ['for', 'against', 'abstain'],
  maxApprovals: 10,
  seats: 10,
  blank: 'abstain',
  // A named ballot: the courier's mechanics (keys, resends) on plain papers. Sealed papers have their own tests below.
  secret: false,
  status: 'open',
  openedAt: 0,
  deadlineAt: 600_000,
  sealing: null,
};
const keyOf = (p: PendingPaper | null | undefined) => (p && 'key' in p ? p.key : undefined);
const welcome = (checkedIn = true): ServerMessage => ({
  type: 'welcome',
  role: 'tablet',
  serverNow: 0,
  meeting: { id: 'm1', name: '会议' },
  deputy: { id: 'd1', name: '张三', seat: '1-1', delegation: '土沃乡' },
  checkedIn,
});
const ballotMsg = (voted = false, b: WsBallot | null = ballot): ServerMessage => ({ type: 'ballot', serverNow: 0, ballot: b, candidates: b ? candidates : [], voted });
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup(store = memoryStore()) {
  const sockets = fakeSockets();
  const papers = new PaperStore(store, 'd1.');
  const controller = new TabletController({
    token: 'tok',
    papers,
    url: 'ws://hall/ws',
    verify: async () => true,
    client: { socket: sockets.factory, random: () => 0, heartbeatMs: 60_000, replyTimeoutMs: 5000 },
  });
  controller.start();
  /** Opens the current connection and greets it as the server does. */
  const greet = (voted = false, checkedIn = true, b: WsBallot | null = ballot): FakeConnection => {
    const conn = sockets.last();
    conn.open();
    conn.deliver(welcome(checkedIn));
    conn.deliver(ballotMsg(voted, b));
    return conn;
  };
  return { controller, sockets, papers, store, greet };
}

function markAll(controller: TabletController) {
  for (const c of candidates.slice(0, 10)) controller.press(c.id, 'for');
  for (const c of candidates.slice(10, 13)) controller.press(c.id, 'against');
  controller.press('c14', 'abstain');
}

/** The deputy marks the paper of markAll and opens its review. */
function reviewAll(controller: TabletController) {
  markAll(controller);
  controller.toReview();
}

/** The deputy marks the paper of markAll, reviews and confirms it (it goes to the outbox, and out when online). */
function confirmAll(controller: TabletController) {
  reviewAll(controller);
  controller.confirm();
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('TabletController', () => {
  it('enforces the cap with a notice, and sends the paper only after it is in the outbox', async () => {
    const { controller, store, greet } = setup();
    const conn = greet();
    markAll(controller);
    controller.press('c15', 'for');
    expect(controller.view.notice?.key).toBe('ballot.cap');
    expect(controller.view.marks.c15).toBeUndefined();
    controller.toReview();
    expect(controller.view.step).toBe('review');
    const outboxAtSend: (string | null)[] = [];
    const send = conn.sent.push.bind(conn.sent);
    conn.sent.push = (...m) => {
      outboxAtSend.push(store.getItem('d1.outbox'));
      return send(...m);
    };
    controller.confirm();
    const [paper] = conn.ofType('submitPaper');
    expect(paper).toBeDefined();
    expect(outboxAtSend[0]).toContain(paper!.key!);
    expect(Object.values(paper!.marks!).filter((m) => m === 'for')).toHaveLength(10);
    expect(paper!.marks!.c15).toBeUndefined(); // unmarked: left out, counted as abstain
    expect(keyOf(controller.view.pending)).toBe(paper!.key);

    conn.deliver({ type: 'receipt', id: paper!.id, receipt: { ballotId: 'b1', paperId: 'p-1', digest: 'f'.repeat(64) }, duplicate: false });
    await flush();
    expect(controller.view.receipt).toMatchObject({ paperId: 'p-1', verified: true });
    expect(controller.view.pending).toBeNull();
    expect(store.getItem('d1.outbox')).toBeNull();
    expect(JSON.stringify(store.dump())).not.toContain('against'); // the marks are forgotten
  });

  it('resends the same key after the connection drops between confirm and receipt', async () => {
    const { controller, sockets, greet } = setup();
    const first = greet();
    confirmAll(controller);
    const key = first.ofType('submitPaper')[0]!.key;
    first.serverClose(1006); // the receipt never arrives
    expect(controller.view.conn).toBe('offline');
    expect(keyOf(controller.view.pending)).toBe(key);
    vi.advanceTimersByTime(1000);
    const second = greet(true);
    const resent = second.ofType('submitPaper');
    expect(resent).toHaveLength(1);
    expect(resent[0]!.key).toBe(key);
    second.deliver({ type: 'receipt', id: resent[0]!.id, receipt: { ballotId: 'b1', paperId: 'p-1', digest: 'f'.repeat(64) }, duplicate: true });
    await flush();
    expect(controller.view.receipt?.paperId).toBe('p-1');
    expect(sockets.connections).toHaveLength(2);
  });

  it('asks again when a receipt is lost on a live connection', () => {
    const { controller, greet } = setup();
    const conn = greet();
    confirmAll(controller);
    conn.deliver({ type: 'pong', id: conn.ofType('ping')[0]!.id, serverNow: 0 });
    vi.advanceTimersByTime(PAPER_RESEND_MS);
    const sent = conn.ofType('submitPaper');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.key).toBe(sent[0]!.key);
  });

  it('after a reload: restores marks in progress, a waiting paper, or the receipt', async () => {
    const store = memoryStore();
    const a = setup(store);
    a.greet();
    a.controller.press('c1', 'for');
    a.controller.press('c2', 'against');
    a.controller.stop();

    const b = setup(store);
    b.greet();
    expect(b.controller.view.marks).toEqual({ c1: 'for', c2: 'against' });
    b.controller.toReview();
    b.controller.confirm();
    const key = b.sockets.last().ofType('submitPaper')[0]!.key;
    b.controller.stop();

    const c = setup(store);
    const conn = c.greet(true);
    expect(keyOf(c.controller.view.pending)).toBe(key);
    const resent = conn.ofType('submitPaper')[0]!;
    expect(resent.key).toBe(key);
    conn.deliver({ type: 'receipt', id: resent.id, receipt: { ballotId: 'b1', paperId: 'p-9', digest: 'a'.repeat(64) }, duplicate: true });
    await flush();
    c.controller.stop();

    const d = setup(store);
    d.greet(true);
    expect(d.controller.view.receipt?.paperId).toBe('p-9');
    expect(d.controller.view.pending).toBeNull();
  });

  it('shows already_voted and ballot_not_open as final, and forgets the paper', () => {
    const { controller, papers, greet } = setup();
    const conn = greet();
    confirmAll(controller);
    const paper = conn.ofType('submitPaper')[0]!;
    conn.deliver({ type: 'error', id: paper.id, code: 'already_voted', message: 'x' });
    expect(controller.view.problem?.code).toBe('already_voted');
    expect(papers.pending()).toEqual([]);
    expect(papers.problem('b1')?.code).toBe('already_voted');
  });

  it('a paper still waiting when the ballot closes: the deputy learns it was not accepted', () => {
    const { controller, sockets, greet } = setup();
    const first = greet();
    confirmAll(controller);
    first.serverClose(1006);
    vi.advanceTimersByTime(1000);
    const second = greet(false, true, null); // reconnected after the close: no open ballot
    expect(controller.view.ballot).toBeNull();
    expect(controller.view.closed?.ballotId).toBe('b1');
    const resent = second.ofType('submitPaper');
    expect(resent.length).toBeGreaterThan(0);
    for (const r of resent) second.deliver({ type: 'error', id: r.id, code: 'ballot_not_open', message: 'closed' });
    // It was sent once before the drop: whether that copy counted is unknown, and the tablet must say so.
    expect(controller.view.closed?.problem).toMatchObject({ code: 'ballot_not_open', uncertain: true });
    expect(sockets.connections).toHaveLength(2);
  });

  it('a paper never sent before the close is plainly not accepted', () => {
    const { controller, greet } = setup();
    const first = greet();
    reviewAll(controller);
    first.serverClose(1006);
    controller.confirm(); // offline: stays in the outbox, never sent
    expect(first.ofType('submitPaper')).toHaveLength(0);
    vi.advanceTimersByTime(1000);
    const second = greet(false, true, null);
    for (const r of second.ofType('submitPaper')) second.deliver({ type: 'error', id: r.id, code: 'ballot_not_open', message: 'closed' });
    expect(controller.view.closed?.problem?.code).toBe('ballot_not_open');
    expect(controller.view.closed?.problem?.uncertain).toBeUndefined();
  });

  it('goes back to waiting when the ballot closes, forgetting marks in progress', () => {
    const { controller, papers, greet } = setup();
    const conn = greet();
    controller.press('c1', 'for');
    conn.deliver({ type: 'ballotStatus', serverNow: 1, ballotId: 'b1', status: 'closed' });
    expect(controller.view.ballot).toBeNull();
    expect(controller.view.closed).toMatchObject({ ballotId: 'b1', receipt: null });
    expect(papers.draft('b1')).toBeNull();
  });

  it('at the close, says whether a paper left this tablet: unconfirmed marks, nothing marked, or counted', () => {
    const marked = setup();
    const a = marked.greet();
    marked.controller.press('c1', 'for');
    a.deliver({ type: 'ballotStatus', serverNow: 1, ballotId: 'b1', status: 'closed' });
    expect(marked.controller.view.closed).toMatchObject({ notSent: 'marked', counted: false, receipt: null });
    expect(JSON.stringify(marked.controller.view.closed)).not.toContain('for'); // which case, never the marks

    const reviewing = setup();
    const b = reviewing.greet();
    reviewing.controller.toReview(); // nothing marked, but the review was open: a paper was on its way
    b.deliver({ type: 'ballotStatus', serverNow: 1, ballotId: 'b1', status: 'closed' });
    expect(reviewing.controller.view.closed?.notSent).toBe('marked');

    const idle = setup();
    const c = idle.greet();
    c.deliver({ type: 'ballotStatus', serverNow: 1, ballotId: 'b1', status: 'closed' });
    expect(idle.controller.view.closed).toMatchObject({ notSent: 'nothing', counted: false });

    const elsewhere = setup();
    const d = elsewhere.greet(true); // the server has this deputy's paper; no receipt on this tablet
    d.deliver({ type: 'ballotStatus', serverNow: 1, ballotId: 'b1', status: 'closed' });
    expect(elsewhere.controller.view.closed).toMatchObject({ notSent: null, counted: true });
  });

  it('checks in over the socket; cannot mark before', () => {
    const { controller, greet } = setup();
    const conn = greet(false, false);
    controller.press('c1', 'for');
    expect(controller.view.marks).toEqual({});
    controller.checkIn();
    const req = conn.ofType('checkIn')[0]!;
    expect(controller.view.checkInBusy).toBe(true);
    conn.deliver({ type: 'checkedIn', id: req.id, at: 5 });
    expect(controller.view.checkedIn).toBe(true);
    controller.press('c1', 'for');
    expect(controller.view.marks).toEqual({ c1: 'for' });
  });

  it('a ballot that requires every mark refuses review until all are marked', () => {
    const { controller, greet } = setup();
    greet(false, true, { ...ballot, blank: 'invalid' });
    controller.press('c1', 'for');
    controller.toReview();
    expect(controller.view.step).toBe('marking');
    expect(controller.view.notice).toMatchObject({ key: 'ballot.mustMarkAll', params: { n: 14 } });
  });

  it('a revoked token stops the tablet', () => {
    const { controller, sockets } = setup();
    sockets.last().open();
    sockets.last().deliver({ type: 'error', code: 'unauthenticated', message: 'not paired' });
    sockets.last().serverClose(4401, 'not paired');
    expect(controller.view.revoked).toBe(true);
  });

  describe('a secret ballot (sealed papers, DESIGN §5)', () => {
    let keys: { publicKey: string; secretKey: string };
    let secret: WsBallot;
    beforeAll(async () => {
      await sealReady();
      keys = newKeyPair();
      secret = { ...ballot, id: 'b9', secret: true, sealing: { publicKey: keys.publicKey, plaintextLength: 1024 } };
    });

    it('seals the paper on confirm: the outbox and the message carry the envelope, never the marks', async () => {
      const { controller, store, greet } = setup();
      const conn = greet(false, true, secret);
      confirmAll(controller);
      const [sent] = conn.ofType('submitPaper');
      expect(sent!.marks).toBeUndefined();
      expect(sent!.key).toBeUndefined();
      expect(JSON.stringify(store.dump())).not.toMatch(/"(for|against|abstain)"/);
      const opened = openPaper({ ballotId: 'b9', publicKey: fromBase64(keys.publicKey), secretKey: fromBase64(keys.secretKey) }, fromBase64(sent!.envelope!));
      expect(opened.ok && Object.values(opened.marks).filter((m) => m === 'for')).toHaveLength(10);
      // The tracker is checked against the one computed here; a wrong one is flagged.
      const tracker = trackerOf(sent!.envelope!);
      conn.deliver({ type: 'receipt', id: sent!.id, receipt: { ballotId: 'b9', tracker }, duplicate: false });
      await flush();
      expect(controller.view.receipt).toMatchObject({ tracker, verified: true });
    });

    it('never writes the marks to storage, not even for a moment: removed values stay on the tablet’s disk', async () => {
      // Chromium keeps localStorage in a LevelDB log: a draft removed later is still in the file for whoever
      // holds the tablet. So every write is recorded, not just what is left at the end.
      const store = memoryStore();
      const writes: string[] = [];
      const setItem = store.setItem.bind(store);
      store.setItem = (key, value) => {
        writes.push(`${key}=${value}`);
        setItem(key, value);
      };
      const { controller, greet } = setup(store);
      const conn = greet(false, true, secret);
      confirmAll(controller);
      const [sent] = conn.ofType('submitPaper');
      conn.deliver({ type: 'receipt', id: sent!.id, receipt: { ballotId: 'b9', tracker: trackerOf(sent!.envelope!) }, duplicate: false });
      await flush();
      expect(writes.length).toBeGreaterThan(0);
      for (const w of writes) expect(w).not.toMatch(/"(for|against|abstain)"|draft/);
    });

    it('every paper request of a ballot has one length, however many 赞成 it carries', () => {
      const lengths = new Set<number>();
      for (const approvals of [0, 3, 10]) {
        const { controller, greet } = setup();
        const conn = greet(false, true, secret);
        for (const c of candidates.slice(0, approvals)) controller.press(c.id, 'for');
        controller.toReview();
        controller.confirm();
        lengths.add(JSON.stringify(conn.ofType('submitPaper')[0]).length);
        controller.stop();
      }
      expect(lengths.size).toBe(1);
    });

    it('keeps nothing of the ballot once it closes: no tracker, receipt, envelope or draft', async () => {
      const { controller, store, greet } = setup();
      const conn = greet(false, true, secret);
      confirmAll(controller);
      const [sent] = conn.ofType('submitPaper');
      conn.deliver({ type: 'receipt', id: sent!.id, receipt: { ballotId: 'b9', tracker: trackerOf(sent!.envelope!) }, duplicate: false });
      await flush();
      expect(Object.keys(store.dump())).toContain('d1.receipt.b9');
      conn.deliver({ type: 'ballotStatus', serverNow: 1, ballotId: 'b9', status: 'closed' });
      expect(controller.view.closed?.receipt).not.toBeNull(); // the screen still says it counted
      expect(store.dump()).toEqual({});
    });
  });
});
