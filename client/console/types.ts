import type { z } from 'zod';
import type { BallotRules, Tally } from '../../shared/record.ts';
import type { attendanceMessageSchema, ServerMessageOf } from '../../shared/ws.ts';

// The shapes the console reads from the server's presenters (server/*/routes.ts, server/ballots/presenters.ts).

export type Attendance = z.infer<typeof attendanceMessageSchema>;
export type ResultsMessage = ServerMessageOf<'results'>;

export interface Account {
  id: string;
  username: string;
  role: 'admin' | 'operator' | 'scrutineer' | 'unit';
  unitName: string | null;
  /** A one-time password: the server refuses everything but the password change until it is changed. */
  mustChangePassword?: boolean;
}

export interface Meeting {
  id: string;
  name: string;
  date: string;
  year: number;
  /** 'server': a training meeting — the server escrows its ballot keys; every screen says so (DESIGN §5). */
  keyEscrow?: 'scrutineer' | 'server';
  /** The chief scrutineer's public key (standard base64), when one is set; GET /api/meetings/:id only. */
  scrutineerPublicKey?: string | null;
  /** IANA zone this meeting's times are printed in (GET /api/meetings/:id gives it; lists do not). */
  timeZone?: string;
}

export interface Deputy {
  id: string;
  name: string;
  seat: string | null;
  code: string | null;
  seated: boolean;
  delegation: string;
  checkedInAt: number | null;
  checkInMethod: string | null;
}

export interface Candidate {
  id: string;
  seq: number;
  name: string;
  category: string | null;
  budgetWan: number | null;
  summary: string;
}

export type BallotStatus = 'draft' | 'open' | 'closed' | 'announced';

export interface BallotView extends BallotRules {
  id: string;
  meetingId: string;
  title: string;
  kind: 'selection' | 'evaluation';
  durationSeconds: number;
  closeWhenAllVoted: boolean;
  /** The whole ballot runs on paper ballots (纸质选票). */
  paperOnly?: boolean;
  status: BallotStatus;
  runoffOf: string | null;
  openedAt: number | null;
  /** In the meeting's ballot list only: how many candidates the ballot lists. */
  candidateCount?: number;
  deadlineAt: number | null;
  closedAt: number | null;
  closeReason: string | null;
  announcedAt: number | null;
  attendance: { seated: number; present: number; issued?: number } | null;
  presidiumDecision: string[] | null;
  /** A closed secret ballot whose envelopes are still sealed: its key went with a crash; the scrutineer opens it. */
  openingPending?: boolean;
  /** Evaluations only: announce a rating with its 满意率, or the 满意率 only. */
  evaluationReport?: 'rating' | 'rate' | null;
  serverNow: number;
}

export interface BallotDetail {
  ballot: BallotView;
  candidates: Candidate[];
  voted: number;
}

export interface TallyReply {
  ballot: BallotView;
  tally: Tally;
}

export interface Turnout {
  ballotId: string;
  status: BallotStatus;
  present: number;
  voted: number;
  byDelegation: { id: string; name: string; seated: number; present: number; voted: number }[];
  notVoted: { id: string; name: string; seat: string | null; delegation: string }[];
}

export interface AuditEvent {
  seq: number;
  at: number;
  actor: string;
  action: string;
  meetingId: string | null;
  ballotId: string | null;
  detail: unknown;
  hash: string;
}

export type ChainVerdict = { ok: true; events: number; head: string } | { ok: false; events: number; brokenAt: number; reason: string };
