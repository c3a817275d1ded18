import websocket from '@fastify/websocket';
import fp from 'fastify-plugin';
import { WS_PATH, type DisplayShow, type ServerMessage } from '../../shared/ws.ts';
import { attendanceOf, isCheckedIn } from '../attendance/store.ts';
import { castCount, findBallot } from '../ballots/store.ts';
import { paperProgress } from '../ballots/paper-count.ts';
import { Coalescer } from './coalescer.ts';
import { onSocketError, WS_FRAME_CEILING_BYTES } from './frames.ts';
import { HallRegistry, type Conn } from './hall.ts';
import { errors } from '../errors.ts';
import { sameOrigin } from '../net/request-guards.ts';
import { runSession } from './session.ts';
import { wsBallot, wsCandidates, wsResults } from './views.ts';

/** How often, at most, attendance and turnout go out per meeting (DESIGN.md §6: a few per second). */
export const COALESCE_MS = 250;

declare module 'fastify' {
  interface FastifyInstance {
    hall: HallRegistry;
    /** Per meeting, what the hall screen shows between ballots when not 'latest' (issue 13; in memory). */
    projectorShow: Map<string, DisplayShow>;
  }
}

/**
 * The realtime channel: tablets, consoles and projectors over one websocket route. Ballot transitions go to
 * every screen at once; attendance and turnout are coalesced.
 */
export default fp(
  async (app) => {
    await app.register(websocket, {
      // ws enforces only the ceiling; the session checks WS_MAX_MESSAGE_BYTES and UTF-8 itself, to answer a typed
      // error before it closes (server/realtime/frames.ts).
      options: { maxPayload: WS_FRAME_CEILING_BYTES, skipUTF8Validation: true },
      errorHandler: (err, socket, req) => onSocketError(req.log, err, socket),
    });
    const hall = new HallRegistry();
    const pending = { count: 0 };
    app.decorate('hall', hall);
    const projectorShow = new Map<string, DisplayShow>();
    app.decorate('projectorShow', projectorShow);
    // Opening a ballot brings the hall screen back to the ballot and, after it, to its result.
    app.bus.on('ballot.changed', ({ meetingId, status }) => {
      if (status === 'open') projectorShow.delete(meetingId);
    });
    const db = app.db;

    const openBallotOf = async (meetingId: string) => {
      const row = await db.selectFrom('ballot').selectAll().where('meeting_id', '=', meetingId).where('status', '=', 'open').executeTakeFirst();
      return row ? findBallot(db, row.id) : undefined;
    };
    const ballotMessage = async (meetingId: string): Promise<Extract<ServerMessage, { type: 'ballot' }>> => {
      const ballot = await openBallotOf(meetingId);
      return {
        type: 'ballot',
        serverNow: app.now(),
        ballot: ballot ? wsBallot(ballot) : null,
        candidates: ballot ? await wsCandidates(db, ballot.id) : [],
      };
    };
    const turnoutMessage = async (meetingId: string, ballotId: string): Promise<ServerMessage> => ({
      type: 'turnout',
      ballotId,
      voted: await castCount(db, ballotId),
      present: (await attendanceOf(db, meetingId)).present,
    });

    const attendance = new Coalescer(
      COALESCE_MS,
      async (meetingId) => {
        if (!hall.has(meetingId, ['console', 'projector'])) return;
        hall.broadcast(meetingId, ['console', 'projector'], { type: 'attendance', attendance: await attendanceOf(db, meetingId) });
      },
      (err) => app.log.error({ err }, 'attendance broadcast failed'),
    );
    const turnout = new Coalescer(
      COALESCE_MS,
      async (key) => {
        const [meetingId, ballotId] = key.split('\n') as [string, string];
        if (!hall.has(meetingId, ['console', 'projector'])) return;
        hall.broadcast(meetingId, ['console', 'projector'], await turnoutMessage(meetingId, ballotId));
      },
      (err) => app.log.error({ err }, 'turnout broadcast failed'),
    );

    const paperProgressOut = new Coalescer(
      COALESCE_MS,
      async (key) => {
        const [meetingId, ballotId] = key.split('\n') as [string, string];
        if (!hall.has(meetingId, ['console', 'projector'])) return;
        hall.broadcast(meetingId, ['console', 'projector'], { type: 'paperProgress', progress: await paperProgress(db, ballotId) });
      },
      (err) => app.log.error({ err }, 'paper progress broadcast failed'),
    );
    app.bus.on('paper.progress', ({ meetingId, ballotId }) => paperProgressOut.mark(`${meetingId}\n${ballotId}`));
    // A deputy issued a paper ballot: their tablet stops offering the ballot and says 请使用纸质选票.
    app.bus.on('paper.issued', ({ meetingId, deputyIds }) => {
      const to = new Set(deputyIds);
      const send = async () => {
        const message = { ...(await ballotMessage(meetingId)), voted: true, paper: true };
        // Behind any broadcast the tablet is still owed (a large hall's are written over several turns).
        for (const c of hall.all()) if (c.role === 'tablet' && c.meetingId === meetingId && to.has(c.deputyId ?? '')) hall.send(c, message);
      };
      send().catch((err: unknown) => app.log.error({ err }, 'paper ballot notice failed'));
    });
    app.bus.on('attendance.changed', ({ meetingId }) => attendance.mark(meetingId));
    app.bus.on('turnout.changed', ({ meetingId, ballotId }) => turnout.mark(`${meetingId}\n${ballotId}`));
    app.bus.on('device.revoked', ({ deviceId }) => hall.closeWhere((c) => c.deviceId === deviceId, 4401, 'revoked'));
    app.bus.on('display.revoked', ({ displayId }) => hall.closeWhere((c) => c.displayId === displayId, 4401, 'revoked'));
    app.bus.on('ballot.changed', ({ meetingId, ballotId, status }) => {
      const everyone: Conn['role'][] = ['tablet', 'console', 'projector'];
      const send = async () => {
        if (status === 'open') {
          hall.broadcast(meetingId, everyone, await ballotMessage(meetingId));
          return;
        }
        const changed = { type: 'ballotStatus', serverNow: app.now(), ballotId, status: status as 'closed' } as const;
        if (status !== 'announced') {
          hall.broadcast(meetingId, everyone, changed);
          return;
        }
        // The hall's screens first: the projector shows the result before the 300 tablets hear the status.
        // Every screen hears the status even when the results cannot be read (the error is logged).
        try {
          const ballot = await findBallot(db, ballotId);
          const results = ballot && (await wsResults(db, ballot));
          hall.broadcast(meetingId, ['console', 'projector'], changed);
          if (results) hall.broadcast(meetingId, ['console', 'projector'], results);
        } catch (err) {
          hall.broadcast(meetingId, ['console', 'projector'], changed);
          throw err;
        } finally {
          hall.broadcast(meetingId, ['tablet'], changed);
        }
      };
      send().catch((err: unknown) => app.log.error({ err, ballotId }, 'ballot broadcast failed'));
    });

    const greet = async (conn: Conn) => {
      const row = await db.selectFrom('meeting').select(['id', 'name', 'scrutineer_public_key']).where('id', '=', conn.meetingId).executeTakeFirstOrThrow();
      // A training meeting (no scrutineer key: the server escrows the ballot keys) says so on every screen (DESIGN §5).
      const meeting = { id: row.id, name: row.name, keyEscrow: row.scrutineer_public_key ? ('scrutineer' as const) : ('server' as const) };
      // The socket is in the hall already: what it is sent here waits behind the broadcasts it is owed.
      const send = (m: ServerMessage) => hall.send(conn, m);
      if (conn.role === 'tablet') {
        const deputy = await db
          .selectFrom('deputy')
          .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
          .select(['deputy.id', 'deputy.name', 'deputy.seat', 'delegation.name as delegation'])
          .where('deputy.id', '=', conn.deputyId!)
          .executeTakeFirstOrThrow();
        send({ type: 'welcome', role: 'tablet', serverNow: app.now(), meeting, deputy, checkedIn: await isCheckedIn(db, conn.meetingId, deputy.id) });
        const message = await ballotMessage(conn.meetingId);
        const cast = message.ballot
          ? await db.selectFrom('cast').select('source').where('ballot_id', '=', message.ballot.id).where('deputy_id', '=', deputy.id).executeTakeFirst()
          : undefined;
        send({ ...message, voted: cast !== undefined, ...(cast?.source === 'paper' ? { paper: true } : {}) });
        return;
      }
      send({ type: 'welcome', role: conn.role, serverNow: app.now(), meeting });
      send({ type: 'attendance', attendance: await attendanceOf(db, conn.meetingId) });
      const message = await ballotMessage(conn.meetingId);
      send(message);
      // Paper ballots (纸质选票) of the ballot shown: their progress, when there is any.
      const paperOf = async (ballotId: string) => {
        const progress = await paperProgress(db, ballotId);
        if (progress.issued + progress.printed + progress.returned > 0) send({ type: 'paperProgress', progress });
      };
      if (message.ballot) {
        send(await turnoutMessage(conn.meetingId, message.ballot.id));
        await paperOf(message.ballot.id);
        return;
      }
      // Between ballots the hall shows the latest closed ballot: "counting" until it is announced, then its
      // result (a reload lands in the same place).
      const last = await db
        .selectFrom('ballot')
        .select('id')
        .where('meeting_id', '=', conn.meetingId)
        .where('status', 'in', ['closed', 'announced'])
        .orderBy('closed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const ballot = last && (await findBallot(db, last.id));
      if (ballot?.status === 'closed') {
        send({ type: 'ballotStatus', serverNow: app.now(), ballotId: ballot.id, status: 'closed' });
        await paperOf(ballot.id);
      } else {
        const results = ballot && (await wsResults(db, ballot));
        if (results) send(results);
      }
      const show = projectorShow.get(conn.meetingId);
      if (show) send({ type: 'display', show });
    };

    app.route({
      method: 'GET',
      url: WS_PATH,
      // A plain HTTP request here is a client error, answered like any other.
      handler: async (_req, reply) =>
        reply.code(426).send({ error: { code: 'invalid_input', message: 'this is the websocket endpoint: connect with Upgrade: websocket' } }),
      // Browsers always send Origin on a websocket handshake: one from another site never gets a socket (the
      // console's session cookie would ride along). No Origin: not a browser (a test client, a tool).
      onRequest: async (req) => {
        if (!sameOrigin(req)) throw errors.forbidden('cross-origin websocket refused: open the page from this server');
      },
      wsHandler: (socket, req) => runSession(socket, req, { app, hall, greet, pending }),
    });

    app.addHook('preClose', async () => {
      attendance.stop();
      turnout.stop();
      paperProgressOut.stop();
      for (const c of hall.all()) c.socket.close(1001, 'server shutting down');
    });
  },
  { name: 'realtime', dependencies: ['db', 'auth', 'ballots'] },
);
