import { useState } from 'preact/hooks';
import { useHallSocket } from '../components/useHallSocket.ts';
import type { ConnectionState } from '../lib/ws-client.ts';
import { initialState, reduce, type ProjectorState } from './state.ts';

export interface Projector {
  state: ProjectorState;
  conn: ConnectionState;
  rejected: boolean;
  serverNow: () => number;
}

/** The projector's one connection: hello with the display token, then whatever the hall sends. Reconnects itself. */
export function useProjector(token: string): Projector {
  const [state, setState] = useState<ProjectorState>(initialState);
  const [conn, setConn] = useState<ConnectionState>('connecting');
  const [rejected, setRejected] = useState(false);
  const serverNow = useHallSocket(token, {
    hello: () => ({ type: 'hello', role: 'projector', token }),
    onMessage: (m) => setState((s) => reduce(s, m)),
    onState: setConn,
    onRejected: () => setRejected(true),
  });
  return { state, conn, rejected, serverNow };
}
