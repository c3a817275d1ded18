import { readFileSync } from 'node:fs';

// The attacker of DESIGN §5: someone who copied the data directory (the database, its -wal and -shm) or a
// backup while a ballot ran. They read SQLite's write-ahead log frame by frame, as the file format documents it
// (https://www.sqlite.org/fileformat2.html#walformat), group the frames into commits, and look at what each commit
// added: if one commit adds one deputy to `cast` and one set of marks to `paper`, the two belong together.
// Nothing here uses piaojue's code: it knows only the deputy ids (from the roster in the same copy) and what
// marks look like on a page.

export interface WalFrame {
  pageNo: number;
  /** Database size in pages after this frame if it ends a commit, else 0. */
  commitSize: number;
  salt1: number;
  salt2: number;
  page: Buffer;
}

/** Parses a WAL file into its frames, in file order. An empty or truncated file has no frames. */
export function parseWal(buf: Buffer): { pageSize: number; frames: WalFrame[] } {
  if (buf.length < 32) return { pageSize: 0, frames: [] };
  const magic = buf.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) throw new Error(`not a WAL file (magic ${magic.toString(16)})`);
  const pageSize = buf.readUInt32BE(8);
  const frames: WalFrame[] = [];
  for (let off = 32; off + 24 + pageSize <= buf.length; off += 24 + pageSize) {
    frames.push({
      pageNo: buf.readUInt32BE(off),
      commitSize: buf.readUInt32BE(off + 4),
      salt1: buf.readUInt32BE(off + 8),
      salt2: buf.readUInt32BE(off + 12),
      page: buf.subarray(off + 24, off + 24 + pageSize),
    });
  }
  return { pageSize, frames };
}

/** Groups frames into commits: every run of frames up to and including one with a commit size. */
export function walCommits(frames: WalFrame[]): WalFrame[][] {
  const commits: WalFrame[][] = [];
  let current: WalFrame[] = [];
  for (const f of frames) {
    current.push(f);
    if (f.commitSize !== 0) {
      commits.push(current);
      current = [];
    }
  }
  return commits;
}

// Marks as they sit on a page when stored in plain text: a JSON object of candidate id → option.
const MARKS = /\{"[A-Za-z0-9_-]{1,40}":"(?:for|against|abstain|satisfied|basically_satisfied|dissatisfied)"(?:,"[A-Za-z0-9_-]{1,40}":"[a-z_]{3,20}")*\}/g;

/** Every plaintext marks object found in a buffer (a page, a whole file). */
export function marksIn(buf: Buffer): string[] {
  return buf.toString('latin1').match(MARKS) ?? [];
}

function idsIn(text: string, ids: ReadonlySet<string>, idPattern: RegExp): Set<string> {
  const found = new Set<string>();
  for (const m of text.match(idPattern) ?? []) if (ids.has(m)) found.add(m);
  return found;
}

export interface Link {
  deputyId: string;
  marks: string;
}

/**
 * Links deputies to marks commit by commit: for each commit, what its pages show that the previous image of
 * the same pages did not. One new deputy and one new marks object in the same commit make a link.
 */
export function linkByCommit(walFile: string, deputyIds: ReadonlySet<string>, idPattern = /d-[A-Za-z0-9_-]{16}/g): Link[] {
  let buf: Buffer;
  try {
    buf = readFileSync(walFile);
  } catch {
    return [];
  }
  const { frames } = parseWal(buf);
  // Group by WAL generation (salts change when the log restarts), then commits within each.
  const generations = new Map<string, WalFrame[]>();
  for (const f of frames) {
    const key = `${f.salt1}:${f.salt2}`;
    if (!generations.has(key)) generations.set(key, []);
    generations.get(key)!.push(f);
  }
  const links: Link[] = [];
  for (const gen of generations.values()) {
    const lastImage = new Map<number, string>();
    for (const commit of walCommits(gen)) {
      const newDeputies = new Set<string>();
      const newMarks = new Set<string>();
      for (const f of commit) {
        const text = f.page.toString('latin1');
        const before = lastImage.get(f.pageNo) ?? '';
        const beforeIds = idsIn(before, deputyIds, idPattern);
        for (const id of idsIn(text, deputyIds, idPattern)) if (!beforeIds.has(id)) newDeputies.add(id);
        const beforeMarks = new Set(before.match(MARKS) ?? []);
        for (const m of text.match(MARKS) ?? []) if (!beforeMarks.has(m)) newMarks.add(m);
        lastImage.set(f.pageNo, text);
      }
      if (newDeputies.size === 1 && newMarks.size === 1) links.push({ deputyId: [...newDeputies][0]!, marks: [...newMarks][0]! });
    }
  }
  return links;
}
