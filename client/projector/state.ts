import type { z } from 'zod';
import type { PaperProgress } from '../../shared/paper-ballot.ts';
import type { attendanceMessageSchema, DisplayShow, ServerMessage, ServerMessageOf, WsBallot } from '../../shared/ws.ts';

// What the hall sees, as a pure function of the messages received. The server re-sends the state on every
// hello, so a reconnect or a reload lands in the right place.

export type Attendance = z.infer<typeof attendanceMessageSchema>;
export type Results = ServerMessageOf<'results'>;

export interface ProjectorState {
  meetingName: string | null;
  /** 'server': a training meeting (the server escrows the ballot keys) — the hall is told so (DESIGN §5). */
  keyEscrow: 'scrutineer' | 'server' | null;
  attendance: Attendance | null;
  /** The open ballot, if any. */
  ballot: WsBallot | null;
  turnout: { ballotId: string; voted: number; present: number } | null;
  /** A ballot that closed and is not yet announced: "counting". */
  counting: { ballotId: string; title: string; voted: number | null; present: number | null } | null;
  /** The last announced result. */
  results: Results | null;
  /** Paper ballots (纸质选票) of the open or counting ballot: issued, returned, entered twice, disputed. */
  paper: PaperProgress | null;
  /** What the console chose to show between ballots (issue 13): the latest result, or attendance. */
  show: DisplayShow;
}

export type Screen = 'waiting' | 'attendance' | 'ballot' | 'counting' | 'results';

export const initialState: ProjectorState = { meetingName: null, keyEscrow: null, attendance: null, ballot: null, turnout: null, counting: null, results: null, paper: null, show: 'latest' };

export function reduce(state: ProjectorState, m: ServerMessage): ProjectorState {
  switch (m.type) {
    case 'welcome':
      return { ...state, meetingName: m.meeting.name, keyEscrow: m.meeting.keyEscrow ?? null };
    case 'attendance':
      return { ...state, attendance: m.attendance };
    case 'ballot':
      if (!m.ballot) return { ...state, ballot: null };
      return {
        ...state,
        ballot: m.ballot,
        counting: null,
        // A new ballot: after it, the hall shows its count and result again.
        show: state.ballot?.id === m.ballot.id ? state.show : 'latest',
        turnout: state.turnout?.ballotId === m.ballot.id ? state.turnout : null,
      };
    case 'paperProgress':
      return { ...state, paper: m.progress };
    case 'turnout':
      return { ...state, turnout: { ballotId: m.ballotId, voted: m.voted, present: m.present } };
    case 'ballotStatus': {
      if (m.status === 'closed' && state.ballot?.id === m.ballotId) {
        const t = state.turnout?.ballotId === m.ballotId ? state.turnout : null;
        return { ...state, ballot: null, counting: { ballotId: m.ballotId, title: state.ballot.title, voted: t?.voted ?? null, present: t?.present ?? null } };
      }
      return state;
    }
    case 'display':
      return { ...state, show: m.show };
    case 'results':
      return { ...state, results: m, counting: state.counting?.ballotId === m.ballotId ? null : state.counting };
    default:
      return state;
  }
}

/**
 * Never partial results: an open ballot shows only its countdown and turnout; results only once announced.
 * Between ballots the console may switch to attendance (the 'display' message).
 */
export function screenOf(state: ProjectorState): Screen {
  if (state.ballot) return 'ballot';
  if (state.show === 'attendance' && state.attendance) return 'attendance';
  if (state.counting) return 'counting';
  if (state.results) return 'results';
  if (state.attendance) return 'attendance';
  return 'waiting';
}
