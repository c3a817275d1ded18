import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { formatIssues } from '../../shared/errors.ts';
import { clientMessageSchema, type ClientMessage, type ServerMessage } from '../../shared/ws.ts';
import { checkIn } from '../attendance/commands.ts';
import { findDevice } from '../auth/store.ts';
import { AppError } from '../errors.ts';
import { sha256 } from '../ids.ts';
import { ALL_STAFF } from '../plugins/auth.ts';
import { readFrame } from './frames.ts';
import type { Conn, HallRegistry } from './hall.ts';
import { TokenBucket } from './rate.ts';
import { safeParse } from '../../shared/safe-parse.ts';

/** A socket must say who it is this soon after opening (tablets send hello on open). */
export const HELLO_TIMEOUT_MS = 5_000;
/**
 * Sockets still waiting for their hello, server-wide; past this a new socket is closed at once (1013). Large
 * enough for a whole provincial congress (~3,000 tablets) reconnecting at once after the Wi-Fi returns; one
 * address cannot fill it (MAX_CONNECTIONS_PER_ADDRESS), and each waits at most HELLO_TIMEOUT_MS.
 */
export const MAX_PENDING_HELLO = 4096;
// Close codes in the private range; clients show the reason and (except for 4401/4403) reconnect.
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_ABUSE = 4429;

export interface SessionDeps {
  app: FastifyInstance;
  hall: HallRegistry;
  /** Sends the meeting's current state to a newly joined connection. */
  greet: (conn: Conn) => Promise<void>;
  /** Sockets without a hello yet, shared by every session of the app. */
  pending: { count: number };
}

/** One socket, from hello to close. Every incoming message is parsed; every failure answers a typed error. */
export function runSession(socket: WebSocket, req: FastifyRequest, deps: SessionDeps): void {
  const { app, hall } = deps;
  let conn: Conn | null = null;
  // Set while hello is being checked: messages sent right behind it wait for it instead of being refused.
  let hello: Promise<void> | null = null;
  // A tablet sends a handful of messages a ballot; 20 at once and 5 a second more is generous. Past 200
  // refused in a row the socket is closed.
  const bucket = new TokenBucket(20, 5, app.now);
  let refused = 0;
  const send = (m: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
  };
  const fail = (id: string | undefined, err: unknown) => {
    if (err instanceof AppError) {
      send({ type: 'error', ...(id ? { id } : {}), code: err.code, message: err.message });
      return;
    }
    app.log.error({ err }, 'websocket request failed');
    send({ type: 'error', ...(id ? { id } : {}), code: 'internal', message: 'internal error; try again' });
  };
  if (deps.pending.count >= MAX_PENDING_HELLO) {
    socket.close(1013, 'too many unauthenticated sockets; try again');
    return;
  }
  deps.pending.count++;
  let waiting = true;
  const stopWaiting = () => {
    if (waiting) deps.pending.count--;
    waiting = false;
    clearTimeout(helloTimer);
  };
  const helloTimer = setTimeout(() => {
    if (!conn) socket.close(CLOSE_UNAUTHENTICATED, 'no hello');
  }, HELLO_TIMEOUT_MS);

  socket.on('close', () => {
    stopWaiting();
    if (conn) hall.remove(conn);
  });
  // Socket errors are logged by the plugin's errorHandler (frames.ts, onSocketError).

  socket.on('message', (data, isBinary) => {
    // Nothing a client sends may take the server down: whatever escapes is logged and answered.
    try {
      onMessage(data, isBinary);
    } catch (err) {
      fail(undefined, err);
    }
  });

  function onMessage(data: RawData, isBinary: boolean): void {
    const frame = readFrame(data, isBinary);
    if (!frame.ok) {
      // The client's fault, not the server's: a warning without a stack, a typed error, then the close.
      app.log.warn({ code: frame.code, bytes: frame.bytes }, 'websocket frame refused');
      send({ type: 'error', code: frame.code, message: frame.message });
      socket.close(frame.close, frame.code);
      return;
    }
    if (!bucket.take()) {
      if (++refused > 200) socket.close(CLOSE_ABUSE, 'too many messages');
      else send({ type: 'error', code: 'rate_limited', message: 'too many messages; slow down' });
      return;
    }
    refused = 0;
    let raw: unknown;
    try {
      if (frame.text === null) throw new Error('binary');
      raw = JSON.parse(frame.text);
    } catch {
      send({ type: 'error', code: 'malformed_json', message: 'each message must be one JSON object (text frame)' });
      return;
    }
    const parsed = safeParse(clientMessageSchema, raw);
    if (!parsed.success) {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id.slice(0, 64) : undefined;
      const first = formatIssues(parsed.error)[0];
      send({ type: 'error', ...(id ? { id } : {}), code: 'invalid_input', message: first ? `${first.path}: ${first.message}` : 'invalid message' });
      return;
    }
    void handle(parsed.data).catch((err: unknown) => fail('id' in parsed.data ? parsed.data.id : undefined, err));
  }

  /**
   * The deputy tablet this socket speaks for, once its hello is through (a message sent right behind the hello waits
   * for it). Throws unauthenticated before any hello, forbidden for a console or a projector.
   */
  async function tablet(): Promise<Conn & { deputyId: string }> {
    if (!conn && hello) await hello.catch(() => {});
    if (!conn) throw new AppError(401, 'unauthenticated', 'send hello first');
    if (conn.role !== 'tablet' || !conn.deputyId) throw new AppError(403, 'forbidden', 'only a deputy tablet can do this');
    return { ...conn, deputyId: conn.deputyId };
  }

  // One handler per kind of client message (shared/ws.ts is the contract): the map is checked to name every kind.
  const handlers: { [K in ClientMessage['type']]: (msg: Extract<ClientMessage, { type: K }>) => Promise<void> } = {
    ping: async (msg) => {
      send({ type: 'pong', id: msg.id, serverNow: app.now() });
    },
    hello: async (msg) => {
      if (conn || hello) throw new AppError(409, 'conflict', 'hello was sent already');
      hello = (async () => {
        conn = await authenticate(msg);
        if (!conn) return;
        stopWaiting();
        hall.add(conn);
        await deps.greet(conn);
      })();
      await hello;
    },
    checkIn: async (msg) => {
      const t = await tablet();
      const result = await checkIn(app, { meetingId: t.meetingId, deputyId: t.deputyId, method: 'tablet', byAccountId: null, actor: `device:${t.deviceId}` }, app.now());
      send({ type: 'checkedIn', id: msg.id, at: result.at });
    },
    submitPaper: async (msg) => {
      // The deputy is the token's, never anything in the message.
      const { deputyId } = await tablet();
      const paper = msg.envelope !== undefined ? { envelope: msg.envelope } : { key: msg.key!, marks: msg.marks! };
      const outcome = await app.paperDesk.submit({ ballotId: msg.ballotId, deputyId, ...paper });
      send({ type: 'receipt', id: msg.id, receipt: outcome.receipt, duplicate: outcome.duplicate });
    },
  };

  function handle(msg: ClientMessage): Promise<void> {
    return (handlers[msg.type] as (m: ClientMessage) => Promise<void>)(msg);
  }

  async function authenticate(msg: Extract<ClientMessage, { type: 'hello' }>): Promise<Conn | null> {
    if (msg.role === 'tablet') {
      const device = await findDevice(app.db, msg.token);
      if (!device) {
        send({ type: 'error', code: 'unauthenticated', message: '此平板未配对或已被撤销 / this tablet is not paired (or was revoked)' });
        socket.close(CLOSE_UNAUTHENTICATED, 'not paired');
        return null;
      }
      return { socket, role: 'tablet', meetingId: device.meetingId, deputyId: device.deputyId, deviceId: device.deviceId };
    }
    if (msg.role === 'projector') {
      const display = await app.db
        .selectFrom('display_token')
        .select(['id', 'meeting_id'])
        .where('token_hash', '=', sha256(msg.token))
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', app.now())
        .executeTakeFirst();
      if (!display) {
        send({ type: 'error', code: 'unauthenticated', message: 'unknown, revoked or expired display token' });
        socket.close(CLOSE_UNAUTHENTICATED, 'bad display token');
        return null;
      }
      return { socket, role: 'projector', meetingId: display.meeting_id, displayId: display.id };
    }
    if (!req.staff || !ALL_STAFF.includes(req.staff.role)) {
      send({ type: 'error', code: req.staff ? 'forbidden' : 'unauthenticated', message: 'the console needs a secretariat sign-in' });
      socket.close(req.staff ? CLOSE_FORBIDDEN : CLOSE_UNAUTHENTICATED, 'not signed in');
      return null;
    }
    const meeting = await app.db.selectFrom('meeting').select('id').where('id', '=', msg.meetingId).executeTakeFirst();
    if (!meeting) throw new AppError(404, 'not_found', 'meeting not found');
    return { socket, role: 'console', meetingId: meeting.id };
  }
}

