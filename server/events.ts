import { EventEmitter } from 'node:events';

// What happened, for whoever shows it live (websockets, in the tablet issue). Payloads carry ids only:
// listeners read the current state themselves, so a late or coalesced listener never shows stale data.
export interface HallEvents {
  'attendance.changed': { meetingId: string };
  'ballot.changed': { meetingId: string; ballotId: string; status: string };
  'turnout.changed': { meetingId: string; ballotId: string };
  /** Paper ballots (纸质选票) were issued to these deputies: their tablets say 请使用纸质选票. */
  'paper.issued': { meetingId: string; ballotId: string; deputyIds: string[] };
  /** A ballot's paper progress changed (printed, issued, entered, decided, counted). */
  'paper.progress': { meetingId: string; ballotId: string };
  /** A tablet's token was revoked: its open sockets must close. */
  'device.revoked': { deviceId: string };
  /** A projector's display token was revoked. */
  'display.revoked': { displayId: string };
}

/**
 * The hall's events within this process. On PostgreSQL with several server processes, PostgresHallBus
 * (server/realtime/pg-bus.ts) carries them to every process instead.
 */
export class HallBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  /** Tells every listener (of every process, on a bus that spans processes). */
  emit<K extends keyof HallEvents>(kind: K, payload: HallEvents[K]): void {
    this.deliver(kind, payload);
  }
  /** Tells this process's listeners. */
  protected deliver<K extends keyof HallEvents>(kind: K, payload: HallEvents[K]): void {
    this.emitter.emit(kind, payload);
  }
  /** Stops whatever the bus holds open (nothing, in one process). */
  async close(): Promise<void> {}
  on<K extends keyof HallEvents>(kind: K, listener: (payload: HallEvents[K]) => void): () => void {
    this.emitter.on(kind, listener);
    return () => this.emitter.off(kind, listener);
  }
}
