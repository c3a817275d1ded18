import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { WebSocketServer } from 'ws';

// The yardstick: the least a server can do and still be honest — plain ws, better-sqlite3 in WAL with
// synchronous=FULL, every paper that arrived in one event-loop turn written by one multi-row insert in one
// transaction, each acknowledged after that commit. No validation, no auth, no secrecy, no audit.
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: floor-server DATA_DIR');
mkdirSync(dataDir, { recursive: true });
const db = new BetterSqlite3(path.join(dataDir, 'floor.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('create table if not exists paper (id text primary key, ballot text not null, marks text not null)');

interface Pending {
  send: (text: string) => void;
  requestId: string;
  row: [string, string, string];
}
let pending: Pending[] = [];
let scheduled = false;
const CHUNK = 5000; // SQLite's limit on bound parameters (32766) / 3 columns, rounded down

const flush = () => {
  scheduled = false;
  const batch = pending;
  pending = [];
  const write = db.transaction((rows: [string, string, string][]) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      db.prepare(`insert into paper (id, ballot, marks) values ${chunk.map(() => '(?,?,?)').join(',')}`).run(chunk.flat());
    }
  });
  write(batch.map((p) => p.row));
  for (const p of batch) p.send(`{"type":"receipt","id":${JSON.stringify(p.requestId)}}`);
};

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { type: string; id: string; ballotId: string; key: string; marks: unknown };
    if (msg.type !== 'submitPaper') return;
    pending.push({ send: (t) => socket.send(t), requestId: msg.id, row: [msg.key, msg.ballotId, JSON.stringify(msg.marks)] });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
});
wss.on('listening', () => {
  const address = wss.address();
  console.log(`floor listening on ${typeof address === 'object' && address ? address.port : address}`);
});
