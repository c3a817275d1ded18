import type { Receipt } from '../../shared/api.ts';
import type { ServerMessage, ServerMessageOf, WsBallot, WsCandidate } from '../../shared/ws.ts';
import type { Params, SectionKey } from '../i18n/catalogue.ts';
import { capOf, pressOption, reviewCheck, sanitizeMarks, type Marks } from '../lib/marks.ts';
import type { PaperContent, PaperProblem, PaperStore, PendingPaper, StoredReceipt } from '../lib/outbox.ts';
import { sealPaper, trackerOf } from '../../shared/seal.ts';
import { WsClient, type ConnectionState, type WsClientOptions } from '../lib/ws-client.ts';
import { PaperCourier, type PaperOutcome } from './paper-courier.ts';

// The tablet's state and everything it does, without any DOM: the screens render `view` and call the methods.
// Papers go through the PaperStore (outbox) so that a confirmed paper survives drops and reloads.

export interface Notice {
  key: SectionKey<'tablet'>;
  params?: Params;
  /** Bumps on every notice, so the same message shown twice still re-announces itself. */
  seq: number;
  /** The candidate whose button was refused: the notice is shown in that row, where the finger is. */
  candidateId?: string;
}

export interface ClosedBallot {
  ballotId: string;
  title: string;
  receipt: StoredReceipt | null;
  problem: PaperProblem | null;
  /** The server had this deputy's paper, but this tablet holds no receipt for it (sent from here before a reload). */
  counted: boolean;
  /**
   * No paper of this deputy left this tablet before the close (issue 13): 'marked' — marks were made (or the
   * review was open) but never confirmed, so that paper was not counted; 'nothing' — the deputy never marked.
   * Null when a paper was sent, counted, refused, or cast on paper. Only which case, never the marks themselves.
   */
  notSent: 'marked' | 'nothing' | null;
}

export interface TabletView {
  conn: ConnectionState;
  /** Welcomed at least once since start: the deputy and meeting below are known. */
  ready: boolean;
  revoked: boolean;
  meeting: { id: string; name: string; keyEscrow?: 'scrutineer' | 'server' | undefined } | null;
  deputy: { id: string; name: string; seat: string | null; delegation: string } | null;
  checkedIn: boolean;
  checkInBusy: boolean;
  ballot: WsBallot | null;
  candidates: WsCandidate[];
  /** The server says this deputy has a paper in the open ballot. */
  votedOnServer: boolean;
  /** This deputy votes on a paper ballot (纸质选票): issued one, or the ballot runs on paper. */
  onPaper: boolean;
  step: 'marking' | 'review';
  marks: Marks;
  notice: Notice | null;
  /** The open ballot's paper, confirmed and waiting for its receipt. */
  pending: PendingPaper | null;
  receipt: StoredReceipt | null;
  problem: PaperProblem | null;
  /** The ballot that just closed, for the waiting screen. */
  closed: ClosedBallot | null;
}

/**
 * What a step of the electronic paper (marking, review) is drawn from: the view, its open ballot, the controller the
 * deputy acts through, and the server's clock (ms since the epoch) for the countdown.
 */
export interface PaperStepProps {
  view: TabletView;
  ballot: WsBallot;
  controller: TabletController;
  serverNow: () => number;
}

export interface TabletControllerOptions {
  token: string;
  papers: PaperStore;
  url: string;
  now?: () => number;
  verify?: (receipt: Receipt, marks: Record<string, string>) => Promise<boolean | null>;
  /** Passed to the WsClient (a fake socket and short timeouts in tests). */
  client?: Partial<Omit<WsClientOptions, 'url' | 'hello' | 'onMessage' | 'onState' | 'onRejected'>>;
  log?: (message: string) => void;
}

/** The view's ballot part while no ballot is open: at start, and once one closes. */
const noBallot = (): Pick<TabletView, 'ballot' | 'candidates' | 'votedOnServer' | 'onPaper' | 'step' | 'marks' | 'notice' | 'pending' | 'receipt' | 'problem'> => ({
  ballot: null,
  candidates: [],
  votedOnServer: false,
  onPaper: false,
  step: 'marking',
  marks: {},
  notice: null,
  pending: null,
  receipt: null,
  problem: null,
});

const initialView = (): TabletView => ({
  conn: 'offline',
  ready: false,
  revoked: false,
  meeting: null,
  deputy: null,
  checkedIn: false,
  checkInBusy: false,
  ...noBallot(),
  closed: null,
});

export class TabletController {
  readonly client: WsClient;
  private viewValue: TabletView = initialView();
  private readonly listeners = new Set<(view: TabletView) => void>();
  private readonly courier: PaperCourier;
  /** Check-in requests awaiting their answer. */
  private readonly checkIns = new Set<string>();
  private noticeSeq = 0;
  private readonly now: () => number;
  private readonly papers: PaperStore;

  constructor(private readonly opts: TabletControllerOptions) {
    this.now = opts.now ?? Date.now;
    this.papers = opts.papers;
    this.client = new WsClient({
      ...opts.client,
      url: opts.url,
      hello: () => ({ type: 'hello', role: 'tablet', token: opts.token }),
      onMessage: (m) => this.onMessage(m),
      onState: (conn) => this.update({ conn }),
      onInvalid: (problem) => opts.log?.(`ignored a server message: ${problem}`),
      onRejected: () => this.update({ revoked: true }),
    });
    this.courier = new PaperCourier({
      client: this.client,
      papers: this.papers,
      now: this.now,
      onOutcome: (outcome) => this.onPaperOutcome(outcome),
      ...(opts.verify ? { verify: opts.verify } : {}),
    });
  }

  get view(): TabletView {
    return this.viewValue;
  }

  subscribe(listener: (view: TabletView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.client.start();
  }

  stop(): void {
    this.client.stop();
    this.courier.stop();
  }

  // ---- what the deputy does ----

  checkIn(): void {
    if (this.view.checkedIn || this.view.checkInBusy) return;
    const id = this.client.nextId('checkin');
    if (!this.client.send({ type: 'checkIn', id }, { expectReply: true })) {
      this.notify('conn.offline');
      return;
    }
    this.checkIns.add(id);
    this.update({ checkInBusy: true });
  }

  /** Presses an option button; a refused press (over the cap) shows why and changes nothing. */
  press(candidateId: string, option: string): void {
    const { ballot, candidates, marks, step } = this.view;
    if (!ballot || step !== 'marking' || !this.canMark()) return;
    const result = pressOption(ballot, candidates.map((c) => c.id), marks, candidateId, option);
    if (!result.ok) {
      if (result.reason === 'cap') this.notify('ballot.cap', { max: capOf(ballot) ?? 0 }, candidateId);
      return;
    }
    // A secret ballot's marks never touch storage, not even as a draft: a browser's storage keeps removed values
    // on the tablet's disk (Chromium's localStorage is a LevelDB log) until it compacts, under the deputy's prefix
    // (DESIGN §5). A reload mid-marking then starts a secret paper afresh; a named one keeps its draft.
    if (!ballot.sealing && !ballot.secret) this.papers.saveDraft(ballot.id, result.marks);
    this.update({ marks: result.marks, notice: null });
  }

  toReview(): void {
    const { ballot, candidates, marks } = this.view;
    if (!ballot || !this.canMark()) return;
    const check = reviewCheck(ballot, candidates.map((c) => c.id), marks);
    if (!check.ok) {
      this.notify('ballot.mustMarkAll', { n: check.missing.length });
      return;
    }
    this.update({ step: 'review', notice: null });
  }

  backToMarking(): void {
    if (this.view.step === 'review') this.update({ step: 'marking', notice: null });
  }

  /** The final confirm: the paper goes to the outbox (localStorage) first, then to the server. */
  confirm(): void {
    const { ballot, candidates, marks, step } = this.view;
    if (!ballot || step !== 'review' || !this.canMark()) return;
    const paperMarks = sanitizeMarks(ballot, candidates.map((c) => c.id), marks);
    // A secret ballot's paper is sealed here, on the tablet: only the envelope is stored and sent (DESIGN §5).
    let content: PaperContent = { marks: paperMarks };
    if (ballot.sealing) {
      const envelope = sealPaper({ ballotId: ballot.id, ...ballot.sealing }, paperMarks);
      content = { envelope, tracker: trackerOf(envelope) };
    }
    const pending = this.papers.enqueue(ballot.id, content, this.now());
    this.update({ pending, marks: {}, step: 'marking', notice: null });
    this.courier.send(pending);
  }

  dismissNotice(): void {
    if (this.view.notice) this.update({ notice: null });
  }

  // ---- what the server says ----

  private onMessage(m: ServerMessage): void {
    switch (m.type) {
      case 'welcome':
        this.checkIns.clear();
        this.update({
          ready: true,
          meeting: m.meeting,
          deputy: m.deputy ?? null,
          checkedIn: m.checkedIn ?? false,
          checkInBusy: false,
        });
        this.courier.resendAll();
        return;
      case 'ballot':
        this.onBallot(m);
        return;
      case 'ballotStatus':
        if (m.status !== 'open' && this.view.ballot?.id === m.ballotId) this.closeCurrent();
        return;
      case 'checkedIn':
        this.checkIns.delete(m.id);
        this.update({ checkedIn: true, checkInBusy: false });
        return;
      case 'receipt':
        void this.courier.receipt(m);
        return;
      case 'error':
        if (!this.courier.error(m)) this.onError(m);
        return;
      default:
        return;
    }
  }

  private onBallot(m: ServerMessageOf<'ballot'>): void {
    const ballot = m.ballot && m.ballot.status === 'open' ? m.ballot : null;
    const current = this.view.ballot;
    // Nothing about a ballot that is not open stays on the tablet (a paper still waiting for its answer stays
    // until the answer comes).
    this.papers.forgetAllBut(ballot?.id ?? null);
    if (!ballot) {
      // No open ballot: if we were showing one, it closed while we were not listening.
      if (current) this.closeCurrent();
      return;
    }
    if (current?.id === ballot.id) {
      // Extended (or re-sent on reconnect): new timing, same paper in progress.
      this.update({ ballot, candidates: m.candidates, votedOnServer: m.voted ?? this.view.votedOnServer, onPaper: m.paper === true || ballot.paperOnly === true || this.view.onPaper });
      return;
    }
    const ids = m.candidates.map((c) => c.id);
    this.update({
      ballot,
      candidates: m.candidates,
      votedOnServer: m.voted ?? false,
      onPaper: m.paper === true || ballot.paperOnly === true,
      step: 'marking',
      marks: sanitizeMarks(ballot, ids, this.papers.draft(ballot.id) ?? {}),
      notice: null,
      pending: this.papers.pendingFor(ballot.id),
      receipt: this.papers.receipt(ballot.id),
      problem: this.papers.problem(ballot.id),
      closed: null,
    });
  }

  private closeCurrent(): void {
    const ballot = this.view.ballot;
    if (!ballot) return;
    // Marks in progress are of no use now, and must not linger on the tablet.
    this.papers.clearDraft(ballot.id);
    const pending = this.papers.pendingFor(ballot.id);
    const receipt = this.papers.receipt(ballot.id);
    const problem = this.papers.problem(ballot.id);
    const v = this.view;
    const sent = pending !== null || receipt !== null || problem !== null || v.votedOnServer || v.onPaper || v.pending !== null;
    const notSent = sent ? null : Object.keys(v.marks).length > 0 || v.step === 'review' ? 'marked' : 'nothing';
    this.update({
      ...noBallot(),
      closed: { ballotId: ballot.id, title: ballot.title, receipt, problem, counted: v.votedOnServer && !v.onPaper && receipt === null, notSent },
    });
    // The closed ballot's receipt and refusal live on in this screen's memory only, never in storage.
    this.papers.forget(ballot.id);
    // A paper still waiting: ask once more now, so the deputy learns whether it counted.
    if (pending) this.courier.send(pending);
  }

  private onError(m: ServerMessageOf<'error'>): void {
    if (m.id && this.checkIns.delete(m.id)) {
      this.update({ checkInBusy: false });
      this.notify('error.unknown', { code: m.code });
      return;
    }
    this.opts.log?.(`server error ${m.code}: ${m.message}`);
  }

  private onPaperOutcome(outcome: PaperOutcome): void {
    const { ballotId } = outcome;
    if (outcome.kind === 'notCheckedIn') {
      // Nothing was recorded: give the marks back; after checking in the deputy confirms again.
      if (this.view.ballot?.id !== ballotId) return;
      this.papers.saveDraft(ballotId, outcome.marks);
      this.update({ pending: null, marks: outcome.marks, step: 'review', checkedIn: false });
      this.notify('problem.not_checked_in');
      return;
    }
    const result = outcome.kind === 'receipt' ? { receipt: outcome.receipt, problem: null } : { receipt: null, problem: outcome.problem };
    if (this.view.ballot?.id === ballotId) {
      this.update({ pending: null, ...result, ...(result.receipt ? { votedOnServer: true } : {}) });
    } else if (this.view.closed?.ballotId === ballotId) {
      this.update({ closed: { ...this.view.closed, ...result } });
      this.papers.forget(ballotId);
    } else {
      this.papers.forget(ballotId);
    }
  }

  /** Marking is possible only while checked in, before a paper for this ballot exists anywhere. */
  private canMark(): boolean {
    const v = this.view;
    return v.checkedIn && !v.pending && !v.receipt && !v.problem && !v.votedOnServer;
  }

  private notify(key: SectionKey<'tablet'>, params?: Params, candidateId?: string): void {
    this.update({ notice: { key, ...(params ? { params } : {}), seq: ++this.noticeSeq, ...(candidateId ? { candidateId } : {}) } });
  }

  private update(patch: Partial<TabletView>): void {
    this.viewValue = { ...this.viewValue, ...patch };
    for (const listener of this.listeners) listener(this.viewValue);
  }
}
