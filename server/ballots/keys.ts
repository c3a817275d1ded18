import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromBase64, newKeyPair, openSecretKey, paperPlaintextLength, publicKeyOf, sealReady, sealSecretKey } from '../../shared/seal.ts';
import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';

/** A secret ballot's key pair as held in memory while it is open (DESIGN §5). */
export interface BallotKey {
  ballotId: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  publicKeyBase64: string;
  plaintextLength: number;
}

/** What a tablet needs to seal a paper: the ballot's public key and the padded plaintext length. */
export interface SealingKey {
  publicKey: string;
  plaintextLength: number;
}

const ESCROW_FILE = 'escrow-key.json';

/**
 * Ballot keys. The secret half of each open secret ballot's key lives here, in memory, and nowhere else in the
 * clear; the database holds it only sealed to the meeting's scrutineer key, or — for a training meeting that
 * set none — to the server's escrow key, a file in the data directory (mode 0600) kept outside the database.
 */
export class BallotKeys {
  private readonly held = new Map<string, BallotKey>();

  /** @param dataDir where the escrow key file lives; null (an in-memory database) keeps it in memory only. */
  constructor(private readonly dataDir: string | null) {}

  private escrowMemo: { publicKey: string; secretKey: string } | undefined;

  /** The server's escrow key pair, made on first use. */
  private escrow(): { publicKey: string; secretKey: string } {
    if (this.escrowMemo) return this.escrowMemo;
    if (this.dataDir) {
      const file = path.join(this.dataDir, ESCROW_FILE);
      if (existsSync(file)) {
        this.escrowMemo = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; secretKey: string };
      } else {
        mkdirSync(this.dataDir, { recursive: true });
        this.escrowMemo = newKeyPair();
        writeFileSync(file, JSON.stringify(this.escrowMemo), { mode: 0o600, flag: 'wx' });
        chmodSync(file, 0o600);
      }
    } else {
      this.escrowMemo = newKeyPair();
    }
    return this.escrowMemo;
  }

  /**
   * Makes the key pair of a secret ballot being opened, stores its sealed secret half in `ballot_key` (inside the
   * caller's transaction) and holds the pair in memory. `scrutineerPublicKey` null: escrow to the server.
   */
  async create(trx: Executor, ballotId: string, candidateIds: readonly string[], scrutineerPublicKey: string | null): Promise<SealingKey> {
    await sealReady();
    const pair = newKeyPair();
    const plaintextLength = paperPlaintextLength(ballotId, candidateIds);
    const holder = scrutineerPublicKey ?? this.escrow().publicKey;
    await trx
      .insertInto('ballot_key')
      .values({ ballot_id: ballotId, sealed_secret_key: sealSecretKey(pair.secretKey, holder), escrow: scrutineerPublicKey ? 'scrutineer' : 'server' })
      .execute();
    await trx.updateTable('ballot').set({ seal_public_key: pair.publicKey, seal_plaintext_length: plaintextLength }).where('id', '=', ballotId).execute();
    this.hold(ballotId, pair.publicKey, pair.secretKey, plaintextLength);
    return { publicKey: pair.publicKey, plaintextLength };
  }

  private hold(ballotId: string, publicKey: string, secretKey: string, plaintextLength: number): BallotKey {
    const key: BallotKey = { ballotId, publicKey: fromBase64(publicKey), secretKey: fromBase64(secretKey), publicKeyBase64: publicKey, plaintextLength };
    this.held.set(ballotId, key);
    return key;
  }

  /** The key in memory, if held. */
  get(ballotId: string): BallotKey | undefined {
    return this.held.get(ballotId);
  }

  /**
   * The key in memory, or — after a restart — the one the server can open itself (escrowed to the server).
   * Undefined when only the scrutineer's recovery sheet can open it, or the ballot has no key row.
   */
  async recover(db: Executor, ballotId: string): Promise<BallotKey | undefined> {
    const held = this.held.get(ballotId);
    if (held) return held;
    const row = await keyRow(db, ballotId);
    if (!row || row.escrow !== 'server') return undefined;
    await sealReady();
    try {
      const secretKey = openSecretKey(row.sealed_secret_key, this.escrow());
      return this.hold(ballotId, row.publicKey, secretKey, row.plaintextLength);
    } catch {
      // A data directory restored without its escrow-key.json: the envelopes stay sealed (the close then waits
      // for the key) rather than the server refusing to start.
      return undefined;
    }
  }

  /**
   * Installs a ballot secret key brought by a scrutineer (opened from the recovery sheet in the console).
   * Throws 400 invalid_input when it is not a key, 409 wrong_key when it does not belong to the ballot,
   * 409 ballot_state when the ballot has no sealed key (nothing to open).
   */
  async install(db: Executor, ballotId: string, secretKey: string): Promise<BallotKey> {
    await sealReady();
    const row = await keyRow(db, ballotId);
    if (!row) throw errors.state('ballot_state', 'this ballot has no sealed key to open');
    let publicKey: string;
    try {
      publicKey = publicKeyOf(secretKey);
    } catch {
      throw errors.badInput('secretKey', 'not a ballot key (32 bytes, base64)');
    }
    if (publicKey !== row.publicKey) throw errors.state('wrong_key', '恢复单与此表决的密钥不符 / this key does not open this ballot');
    return this.hold(ballotId, row.publicKey, secretKey, row.plaintextLength);
  }

  /** Asks the other server processes for keys this one does not hold (set on PostgreSQL, server/ballots/plugin.ts). */
  relay: { request: (ballotId: string) => Promise<string | undefined> } | null = null;

  /** The secret half (base64) of a ballot key held in memory, for the key relay to hand to another process. */
  secretOf(ballotId: string): string | undefined {
    const key = this.held.get(ballotId);
    return key ? Buffer.from(key.secretKey).toString('base64') : undefined;
  }

  /**
   * Before a close on a process that does not hold a scrutineer-sealed ballot key (another process opened the
   * ballot): asks the others for it through the relay, and holds it when it is the ballot's. Does nothing when
   * the key is held, escrowed to the server (recover opens it), or there is no relay (one process). Throws nothing.
   */
  async fetchFromPeers(db: Executor, ballotId: string): Promise<void> {
    if (!this.relay || this.held.has(ballotId)) return;
    const row = await keyRow(db, ballotId);
    if (!row || row.escrow !== 'scrutineer') return;
    const secretKey = await this.relay.request(ballotId);
    if (!secretKey) return;
    await this.install(db, ballotId, secretKey).catch(() => undefined);
  }

  /** Forgets a ballot's key (after the opening): wipes the secret bytes held in memory. */
  forget(ballotId: string): void {
    const key = this.held.get(ballotId);
    if (key) key.secretKey.fill(0);
    this.held.delete(ballotId);
  }
}

/** The sealed key of a ballot with its public half, or undefined when the ballot has none (named, or opened). */
export async function keyRow(db: Executor, ballotId: string) {
  const row = await db
    .selectFrom('ballot_key')
    .innerJoin('ballot', 'ballot.id', 'ballot_key.ballot_id')
    .select(['ballot_key.sealed_secret_key', 'ballot_key.escrow', 'ballot.seal_public_key', 'ballot.seal_plaintext_length'])
    .where('ballot_key.ballot_id', '=', ballotId)
    .executeTakeFirst();
  if (!row || row.seal_public_key === null || row.seal_plaintext_length === null) return undefined;
  return { sealed_secret_key: row.sealed_secret_key, escrow: row.escrow, publicKey: row.seal_public_key, plaintextLength: row.seal_plaintext_length };
}
