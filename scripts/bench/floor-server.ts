import { WebSocketServer } from 'ws';
import { postgresFloor, sqliteFloor, type FloorRow, type FloorWrite } from './floor-stores.ts';

// The yardstick: the least a server can do and still be honest — plain ws, every paper that arrived while the
// previous batch was being written (at least one event-loop turn) written by one multi-row insert in one
// transaction, each acknowledged after that commit. No validation, no auth, no secrecy, no audit.
// Usage: floor-server sqlite DATA_DIR (better-sqlite3, WAL, synchronous=FULL) | floor-server postgres URL.
const [engine, where] = process.argv.slice(2);
if (!where || (engine !== 'sqlite' && engine !== 'postgres')) throw new Error('usage: floor-server sqlite DATA_DIR | floor-server postgres URL');
const write: FloorWrite = engine === 'sqlite' ? sqliteFloor(where) : await postgresFloor(where);

interface Pending {
  send: (text: string) => void;
  requestId: string;
  row: FloorRow;
}
let pending: Pending[] = [];
let scheduled = false;
let writing = false;

// One batch in flight at a time (group commit): SQLite's write is synchronous, so this only matters on PostgreSQL,
// where papers arriving during a commit form the next batch, as they do on SQLite.
const schedule = () => {
  if (scheduled || writing) return;
  scheduled = true;
  setImmediate(() => void flush());
};

const flush = async () => {
  scheduled = false;
  writing = true;
  const batch = pending;
  pending = [];
  let failed = false;
  try {
    await write(batch.map((p) => p.row));
  } catch (error) {
    console.error('floor: batch failed to commit', error);
    failed = true;
  }
  writing = false;
  for (const p of batch) p.send(failed ? `{"type":"error","id":${JSON.stringify(p.requestId)}}` : `{"type":"receipt","id":${JSON.stringify(p.requestId)}}`);
  if (pending.length) schedule();
};

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { type: string; id: string; ballotId: string; key: string; marks: unknown };
    if (msg.type !== 'submitPaper') return;
    pending.push({ send: (t) => socket.send(t), requestId: msg.id, row: [msg.key, msg.ballotId, JSON.stringify(msg.marks)] });
    schedule();
  });
});
wss.on('listening', () => {
  const address = wss.address();
  console.log(`floor listening on ${typeof address === 'object' && address ? address.port : address}`);
});
