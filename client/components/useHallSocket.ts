import { useEffect, useMemo } from 'preact/hooks';
import type { ClientMessage, ServerMessage } from '../../shared/ws.ts';
import { wsUrl, WsClient, type ConnectionState } from '../lib/ws-client.ts';

/** What a watching screen (console, projector) does with its connection's events. */
export interface HallSocketHandlers {
  /** The hello for each new connection. */
  hello: () => ClientMessage;
  onMessage: (message: ServerMessage) => void;
  onState: (state: ConnectionState) => void;
  /** The server refused this screen for good: no more reconnects. */
  onRejected: () => void;
  /** Before each start: forget what an earlier connection (another meeting, another token) brought. */
  onStart?: () => void;
}

/**
 * A screen's one websocket to the hall (client/lib/ws-client.ts, which reconnects itself): made anew whenever `key`
 * changes (the meeting, the display token), started on mount and stopped on unmount. Returns the server's clock
 * (ms since the epoch) as the connection has learnt it.
 */
export function useHallSocket(key: string, handlers: HallSocketHandlers): () => number {
  const client = useMemo(
    () => new WsClient({ url: wsUrl(), hello: handlers.hello, onMessage: handlers.onMessage, onState: handlers.onState, onRejected: () => handlers.onRejected() }),
    [key],
  );
  useEffect(() => {
    handlers.onStart?.();
    client.start();
    return () => client.stop();
  }, [client]);
  return useMemo(() => () => client.clock.now(), [client]);
}
