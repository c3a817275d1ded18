import fp from 'fastify-plugin';
import type { HallBus } from '../events.ts';
import { noFault, type Fault } from '../faults.ts';
import { closeBallot } from './commands.ts';
import type { BallotContext } from './context.ts';
import { DeadlineTimers } from './deadlines.ts';
import { PaperDesk } from './papers.ts';

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
export default fp<{ bus: HallBus; fault?: Fault }>(
  async (app, opts) => {
    const ctx: BallotContext = {
      db: app.db,
      now: app.now,
      bus: opts.bus,
      log: app.log,
      fault: opts.fault ?? noFault,
      drainPapers: () => desk.drain(),
      timers: new DeadlineTimers(app.now, (ballotId) => {
        closeBallot(ctx, ballotId, 'deadline', 'system').catch((err: unknown) =>
          app.log.error({ err, ballotId }, 'closing at the deadline failed'),
        );
      }),
    };
    const desk = new PaperDesk(ctx);
    app.decorate('ballots', ctx);
    app.decorate('paperDesk', desk);
    app.decorate('bus', opts.bus);

    app.addHook('onReady', async () => {
      const open = await app.db.selectFrom('ballot').select(['id', 'deadline_at']).where('status', '=', 'open').execute();
      for (const b of open) {
        if (b.deadline_at === null || b.deadline_at <= app.now()) {
          await closeBallot(ctx, b.id, 'deadline', 'system');
          app.log.info({ ballotId: b.id }, 'deadline passed while the server was down: ballot closed on start');
        } else {
          ctx.timers.set(b.id, b.deadline_at);
        }
      }
    });

    app.addHook('onClose', async () => {
      ctx.timers.clearAll();
      await desk.drain();
    });
  },
  { name: 'ballots', dependencies: ['db'] },
);
