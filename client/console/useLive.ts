import { useState } from 'preact/hooks';
import type { PaperProgress } from '../../shared/paper-ballot.ts';
import type { ServerMessage, WsBallot } from '../../shared/ws.ts';
import { useHallSocket } from '../components/useHallSocket.ts';
import type { ConnectionState } from '../lib/ws-client.ts';
import type { MeetingAttendance } from '../../shared/responses/meetings.ts';
import type { ResultsMessage } from '../../shared/ws.ts';

// The console's live view of one meeting over the websocket (hello with the session cookie): attendance,
// the open ballot, turnout and announced results. The server re-sends all of it on every hello, so a
// reconnect or a reload needs nothing else.

export interface LiveState {
  conn: ConnectionState;
  /** The server refused the session (signed out elsewhere, expired). */
  rejected: boolean;
  attendance: MeetingAttendance | null;
  openBallot: WsBallot | null;
  turnout: { ballotId: string; voted: number; present: number } | null;
  results: ResultsMessage | null;
  /** Bumps at every ballot transition, so screens showing ballots reload them. */
  ballotsVersion: number;
  /** The latest paper-ballot progress (纸质选票) the server sent, of whichever ballot it concerns. */
  paperProgress: PaperProgress | null;
}

export interface Live extends LiveState {
  /** The server's clock, as this laptop best knows it. */
  serverNow: () => number;
}

const initial: LiveState = { conn: 'connecting', rejected: false, attendance: null, openBallot: null, turnout: null, results: null, ballotsVersion: 0, paperProgress: null };

export function reduceLive(state: LiveState, m: ServerMessage): LiveState {
  switch (m.type) {
    case 'attendance':
      return { ...state, attendance: m.attendance };
    case 'ballot':
      return {
        ...state,
        openBallot: m.ballot,
        turnout: m.ballot && state.turnout?.ballotId === m.ballot.id ? state.turnout : null,
        ballotsVersion: state.ballotsVersion + 1,
      };
    case 'ballotStatus':
      return {
        ...state,
        openBallot: state.openBallot?.id === m.ballotId && m.status !== 'open' ? null : state.openBallot,
        ballotsVersion: state.ballotsVersion + 1,
      };
    case 'turnout':
      return { ...state, turnout: { ballotId: m.ballotId, voted: m.voted, present: m.present } };
    case 'results':
      return { ...state, results: m, ballotsVersion: state.ballotsVersion + 1 };
    case 'paperProgress':
      return { ...state, paperProgress: m.progress };
    default:
      return state;
  }
}

/** The console's live view of meeting `meetingId` (LiveState), kept by one websocket that reconnects itself. */
export function useLive(meetingId: string): Live {
  const [state, setState] = useState<LiveState>(initial);
  const serverNow = useHallSocket(meetingId, {
    hello: () => ({ type: 'hello', role: 'console', meetingId }),
    onMessage: (m) => setState((s) => reduceLive(s, m)),
    onState: (conn) => setState((s) => ({ ...s, conn })),
    onRejected: () => setState((s) => ({ ...s, rejected: true })),
    onStart: () => setState(initial),
  });
  return { ...state, serverNow };
}
