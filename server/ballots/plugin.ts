import fp from 'fastify-plugin';
import type { HallBus } from '../events.ts';
import { noFault, type Fault } from '../faults.ts';
import { closeBallot } from './commands.ts';
import type { BallotContext } from './context.ts';
import { DeadlineTimers } from './deadlines.ts';
import { PaperDesk } from './papers.ts';
import { BallotKeys } from './keys.ts';
import { EARLY_LIMIT, OpenedPapers } from './opening.ts';
import { envelopeOpener } from './envelope-open.ts';
import { dataDirOf } from '../db/database.ts';
import { isPostgres } from '../db/engine.ts';
import { PostgresHallBus } from '../realtime/pg-bus.ts';
import { KeyRelay } from './key-relay.ts';

/** On PostgreSQL, how long after a deadline a process closes the ballot (ms): other processes' desks commit first. */
export const DEADLINE_GRACE_MS = 300;

declare module 'fastify' {
  interface FastifyInstance {
    ballots: BallotContext;
    paperDesk: PaperDesk;
    bus: HallBus;
  }
}

/**
 * Ballot machinery that outlives a request: deadline timers and the paper desk. On start it re-arms the
 * timers of open ballots and closes those whose deadline passed while the server was down.
 */
export default fp<{ bus: HallBus; fault?: Fault; dataDir?: string | undefined; serverSecret?: Buffer }>(
  async (app, opts) => {
    const keys = new BallotKeys(opts.dataDir ?? (await dataDirOf(app.db)));
    // On PostgreSQL other server processes may share the database (DESIGN §8).
    const shared = isPostgres(app.db);
    const ctx: BallotContext = {
      keys,
      // On PostgreSQL envelopes are opened when the desk is quiet, not on receipt (OpeningMode in opening.ts).
      opened: new OpenedPapers(keys, app.log, EARLY_LIMIT, shared ? 'quiet' : 'received'),
      db: app.db,
      now: app.now,
      bus: opts.bus,
      log: app.log,
      fault: opts.fault ?? noFault,
      drainPapers: () => desk.drain(),
      timers: new DeadlineTimers(app.now, (ballotId) => {
        const close = () =>
          closeBallot(ctx, ballotId, 'deadline', 'system').catch((err: unknown) =>
            app.log.error({ err, ballotId }, 'closing at the deadline failed'),
          );
        // Several processes: wait a moment so that every process's desk commits what it received before the
        // deadline (later papers are refused by their arrival time anyway); then the first close wins.
        if (shared) setTimeout(close, DEADLINE_GRACE_MS);
        else void close();
      }),
    };
    if (shared) {
      // Every process arms a timer for every open ballot, whichever process opened or extended it; the close is
      // one serialisable transaction, so exactly one process closes and audits it, the others find it closed.
      opts.bus.on('ballot.changed', ({ ballotId, status }) => {
        if (status !== 'open') ctx.timers.clear(ballotId);
        if (status !== 'open' && status !== 'closed' && status !== 'announced') return;
        void app.db
          .selectFrom('ballot')
          .select(['status', 'opening', 'deadline_at'])
          .where('id', '=', ballotId)
          .executeTakeFirst()
          .then((b) => {
            if (!b) return;
            if (status === 'open') {
              if (b.status === 'open' && b.deadline_at !== null) ctx.timers.set(ballotId, b.deadline_at);
              return;
            }
            // Closed, perhaps by another process (which fetched the key by the relay and opened every envelope):
            // once the envelopes are opened, this process lets go of the ballot's key and of the marks it opened
            // in memory (DESIGN §5). Not while the opening is pending: an opening with the recovery sheet may be
            // using the key here right now (it forgets the key itself when it has committed).
            if (b.status === 'open' || b.opening === 'pending') return;
            keys.forget(ballotId);
            ctx.opened.forget(ballotId);
          })
          .catch((err: unknown) => app.log.error({ err, ballotId, status }, 'following a ballot changed elsewhere failed'));
      });
    }
    if (opts.bus instanceof PostgresHallBus && opts.serverSecret) {
      keys.relay = new KeyRelay(opts.bus.keyChannel, (ballotId) => keys.secretOf(ballotId), opts.serverSecret);
    }
    const desk = new PaperDesk(ctx);
    app.decorate('ballots', ctx);
    app.decorate('paperDesk', desk);
    app.decorate('bus', opts.bus);

    app.addHook('onReady', async () => {
      if (envelopeOpener.build === 'wasm') {
        app.log.warn({ reason: envelopeOpener.reason }, 'native libsodium (sodium-native) did not load: secret ballots’ envelopes open with libsodium-wrappers (WebAssembly), about four times slower at the close');
      }
      const open = await app.db.selectFrom('ballot').select(['id', 'deadline_at']).where('status', '=', 'open').execute();
      for (const b of open) {
        if (b.deadline_at === null || b.deadline_at <= app.now()) {
          await closeBallot(ctx, b.id, 'deadline', 'system');
          app.log.info({ ballotId: b.id }, 'deadline passed while the server was down: ballot closed on start');
        } else {
          ctx.timers.set(b.id, b.deadline_at);
          // A training meeting's key comes back from the server's escrow; a scrutineer's waits for the sheet.
          await keys.recover(app.db, b.id);
        }
      }
    });

    app.addHook('onClose', async () => {
      ctx.timers.clearAll();
      await desk.drain();
      await ctx.opened.close();
    });
  },
  { name: 'ballots', dependencies: ['db'] },
);
