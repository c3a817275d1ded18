import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/ws.ts';

export type ConnRole = 'tablet' | 'console' | 'projector';

export interface Conn {
  socket: WebSocket;
  role: ConnRole;
  meetingId: string;
  deputyId?: string;
  deviceId?: string;
  /** Projectors: the display token's id, so revoking it closes the screen. */
  displayId?: string;
}

/** Sockets a broadcast writes in one turn of the event loop (see HallRegistry.broadcast). */
export const FANOUT_SLICE = 256;

/** Who is connected, by meeting. Broadcasts serialise a message once, however many sockets receive it. */
export class HallRegistry {
  private readonly byMeeting = new Map<string, Set<Conn>>();
  /** Broadcasts still to be written to some of their sockets, oldest first (see broadcast). */
  private readonly outbox: { text: string; conns: Conn[]; next: number }[] = [];
  /** How many queued messages each socket is owed, so that a later message waits behind them. */
  private readonly owed = new Map<Conn, number>();

  add(conn: Conn): void {
    let set = this.byMeeting.get(conn.meetingId);
    if (!set) this.byMeeting.set(conn.meetingId, (set = new Set()));
    set.add(conn);
  }

  remove(conn: Conn): void {
    const set = this.byMeeting.get(conn.meetingId);
    set?.delete(conn);
    if (set?.size === 0) this.byMeeting.delete(conn.meetingId);
  }

  has(meetingId: string, roles: ConnRole[]): boolean {
    for (const c of this.byMeeting.get(meetingId) ?? []) if (roles.includes(c.role)) return true;
    return false;
  }

  /**
   * Sends `message` to every open socket of the meeting in `roles`; returns how many it goes to. At most
   * FANOUT_SLICE sockets are written at once, the hall's screens first: the rest (the tablets of a large hall) are
   * written FANOUT_SLICE per turn of the event loop, so that 3,000 writes do not hold up the requests and the
   * screens' messages behind them (a close's 3,000 `ballotStatus` took ~50 ms in one go). Each socket still
   * receives its messages in the order they were broadcast: one that has messages waiting gets the next one
   * after them.
   */
  broadcast(meetingId: string, roles: ConnRole[], message: ServerMessage): number {
    const text = JSON.stringify(message);
    const targets: Conn[] = [];
    for (const c of this.byMeeting.get(meetingId) ?? []) if (roles.includes(c.role) && c.socket.readyState === c.socket.OPEN) targets.push(c);
    targets.sort((a, b) => Number(a.role === 'tablet') - Number(b.role === 'tablet'));
    const later: Conn[] = [];
    let written = 0;
    for (const c of targets) {
      if (written < FANOUT_SLICE && !this.owed.has(c)) {
        c.socket.send(text);
        written++;
      } else {
        later.push(c);
        this.owed.set(c, (this.owed.get(c) ?? 0) + 1);
      }
    }
    if (later.length) {
      this.outbox.push({ text, conns: later, next: 0 });
      if (this.outbox.length === 1) setImmediate(() => this.writeLater());
    }
    return targets.length;
  }

  /**
   * Sends `message` to one socket, after every broadcast it is still owed (broadcast queues a large hall's tablets
   * over several turns): a message to one tablet — the paper-ballot notice, a newly joined socket's state — never
   * overtakes an older broadcast. Written at once when nothing is owed; skipped if the socket is not open.
   */
  send(conn: Conn, message: ServerMessage): void {
    const text = JSON.stringify(message);
    if (!this.owed.has(conn)) {
      if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(text);
      return;
    }
    this.owed.set(conn, this.owed.get(conn)! + 1);
    this.outbox.push({ text, conns: [conn], next: 0 });
  }

  /** Writes the next FANOUT_SLICE queued sockets (broadcast), oldest message first, and comes back next turn if more wait. */
  private writeLater(): void {
    let budget = FANOUT_SLICE;
    while (budget > 0 && this.outbox.length) {
      const head = this.outbox[0]!;
      while (budget > 0 && head.next < head.conns.length) {
        const c = head.conns[head.next++]!;
        const owed = this.owed.get(c)! - 1;
        if (owed) this.owed.set(c, owed);
        else this.owed.delete(c);
        if (c.socket.readyState === c.socket.OPEN) {
          c.socket.send(head.text);
          budget--;
        }
      }
      if (head.next === head.conns.length) this.outbox.shift();
    }
    if (this.outbox.length) setImmediate(() => this.writeLater());
  }

  closeWhere(test: (c: Conn) => boolean, code: number, reason: string): void {
    for (const set of this.byMeeting.values()) {
      for (const c of set) if (test(c)) c.socket.close(code, reason);
    }
  }

  all(): Conn[] {
    return [...this.byMeeting.values()].flatMap((s) => [...s]);
  }
}
