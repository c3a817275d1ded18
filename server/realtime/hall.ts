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

/** Who is connected, by meeting. Broadcasts serialise a message once, however many sockets receive it. */
export class HallRegistry {
  private readonly byMeeting = new Map<string, Set<Conn>>();

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

  broadcast(meetingId: string, roles: ConnRole[], message: ServerMessage): number {
    const text = JSON.stringify(message);
    let sent = 0;
    for (const c of this.byMeeting.get(meetingId) ?? []) {
      if (roles.includes(c.role) && c.socket.readyState === c.socket.OPEN) {
        c.socket.send(text);
        sent++;
      }
    }
    return sent;
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
