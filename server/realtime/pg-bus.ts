import pg from 'pg';
import { z } from 'zod';
import { HallBus, type HallEvents } from '../events.ts';
import { safeParse } from '../../shared/safe-parse.ts';

/** The channel every server process on one database listens on. */
export const HALL_CHANNEL = 'piaojue_hall';
/** The channel of the ballot-key relay between processes (server/ballots/key-relay.ts). */
export const KEY_CHANNEL = 'piaojue_keys';
// PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; ours are ids only, far below.
const MAX_PAYLOAD = 7900;
const RECONNECT_MS = 1000;

const kinds = ['attendance.changed', 'ballot.changed', 'turnout.changed', 'paper.issued', 'paper.progress', 'device.revoked', 'display.revoked'] as const;
const notificationSchema = z.object({ kind: z.enum(kinds), payload: z.record(z.string(), z.unknown()) });

interface Logger {
  warn: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

/**
 * The hall's events across every server process on one PostgreSQL database (DESIGN §8): emit() is a NOTIFY
 * (pg_notify on the pool, after the command's commit), and one dedicated connection LISTENs and delivers each
 * notification — this process's own included — to the local listeners, who coalesce as before (a few messages
 * per second per meeting, server/realtime/plugin.ts). Payloads are ids only, as on one process. When the NOTIFY
 * cannot be sent (the database unreachable) the event is delivered locally, so this process's screens still move.
 * While the listening connection is down (reconnected every second) other processes' events are missed: screens
 * catch up with the next event or their next reconnect, which re-reads the state.
 */
export class PostgresHallBus extends HallBus {
  private listener: pg.Client | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {
    super();
  }

  /** Connects the listening connection; throws (pg's error) when the database cannot be reached at start. */
  static async start(pool: pg.Pool, connectionString: string, log: Logger): Promise<PostgresHallBus> {
    const bus = new PostgresHallBus(pool, connectionString, log);
    await bus.listen();
    return bus;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (n) => {
      if (n.channel === KEY_CHANNEL && n.payload) {
        for (const handler of this.keyHandlers) handler(n.payload);
        return;
      }
      if (n.channel !== HALL_CHANNEL || !n.payload) return;
      let raw: unknown;
      try {
        raw = JSON.parse(n.payload);
      } catch {
        return;
      }
      const parsed = safeParse(notificationSchema, raw);
      if (!parsed.success) return;
      this.deliver(parsed.data.kind, parsed.data.payload as unknown as HallEvents[typeof parsed.data.kind]);
    });
    const lost = (err?: unknown) => {
      if (this.closed || this.listener !== client) return;
      this.listener = null;
      this.log.warn({ err }, 'the hall event connection to PostgreSQL was lost; reconnecting');
      client.end().catch(() => {});
      this.reconnectLater();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    await client.query(`listen ${HALL_CHANNEL}`);
    await client.query(`listen ${KEY_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.listener = client;
  }

  private readonly keyHandlers: ((message: string) => void)[] = [];

  /** The key relay's channel between processes (server/ballots/key-relay.ts): raw text, sent by NOTIFY. */
  readonly keyChannel = {
    send: (message: string): void => {
      this.pool.query('select pg_notify($1, $2)', [KEY_CHANNEL, message]).catch((err: unknown) => this.log.warn({ err }, 'the key relay could not NOTIFY'));
    },
    onMessage: (handler: (message: string) => void): void => {
      this.keyHandlers.push(handler);
    },
  };

  private reconnectLater(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.listen().catch((err: unknown) => {
        this.log.warn({ err }, 'the hall event connection to PostgreSQL could not be made; retrying');
        this.reconnectLater();
      });
    }, RECONNECT_MS);
  }

  override emit<K extends keyof HallEvents>(kind: K, payload: HallEvents[K]): void {
    const text = JSON.stringify({ kind, payload });
    if (text.length > MAX_PAYLOAD) {
      this.log.error({ kind }, 'a hall event too large to NOTIFY was delivered in this process only');
      this.deliver(kind, payload);
      return;
    }
    this.pool.query('select pg_notify($1, $2)', [HALL_CHANNEL, text]).catch((err: unknown) => {
      this.log.warn({ err, kind }, 'NOTIFY failed; the event reaches this process only');
      this.deliver(kind, payload);
    });
  }

  override async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => {});
  }
}
