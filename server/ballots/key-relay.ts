import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { newKeyPair, openSecretKey, sealReady, sealSecretKey } from '../../shared/seal.ts';
import { safeParse } from '../../shared/safe-parse.ts';

/** How long a process waits for another to hand over a ballot key before closing without it (ms). */
export const KEY_RELAY_WAIT_MS = 2000;

/** A raw message channel between the server processes on one database (PostgresHallBus's key channel). */
export interface RelayChannel {
  send: (message: string) => void;
  onMessage: (handler: (message: string) => void) => void;
}

const messageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('req'), ballotId: z.string().max(64), pub: z.string().max(64), mac: z.string().max(128) }),
  z.object({ t: z.literal('offer'), ballotId: z.string().max(64), pub: z.string().max(64), sealed: z.string().max(512) }),
]);

/**
 * Hands a secret ballot's key from the process that holds it (the one that opened the ballot) to another process
 * that must open the envelopes — at a close pressed on its console, or by its deadline timer (DESIGN §5, §8;
 * issue 18). The key never reaches the database unsealed: the asking process makes a fresh key pair that lives in
 * its memory only and sends the public half with a MAC under a key derived from the server secret (DATA_DIR/secret
 * or PIAOJUE_SECRET, outside the database), so that someone who can only NOTIFY on the database cannot ask; the
 * holder answers with the ballot key sealed to that public half. The asker checks the key against the ballot's
 * public key before using it (BallotKeys.install), so a forged answer is ignored.
 */
export class KeyRelay {
  private readonly macKey: Buffer;
  private readonly waiting = new Map<string, (sealed: string) => void>();

  /**
   * @param holdingKey the secret key (base64) this process holds for a ballot, or undefined
   * @param serverSecret the server secret every process of the hall shares
   */
  constructor(
    private readonly channel: RelayChannel,
    private readonly holdingKey: (ballotId: string) => string | undefined,
    serverSecret: Buffer,
  ) {
    this.macKey = createHmac('sha256', serverSecret).update('piaojue key relay v1').digest();
    channel.onMessage((text) => void this.receive(text));
  }

  private mac(ballotId: string, pub: string): string {
    return createHmac('sha256', this.macKey).update(`req\n${ballotId}\n${pub}`).digest('hex');
  }

  private async receive(text: string): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = safeParse(messageSchema, raw);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.t === 'offer') {
      this.waiting.get(`${m.ballotId}\n${m.pub}`)?.(m.sealed);
      return;
    }
    const expected = Buffer.from(this.mac(m.ballotId, m.pub), 'hex');
    const given = Buffer.from(m.mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return;
    const secretKey = this.holdingKey(m.ballotId);
    if (!secretKey) return;
    await sealReady();
    let sealed: string;
    try {
      sealed = sealSecretKey(secretKey, m.pub);
    } catch {
      return; // not a public key
    }
    this.channel.send(JSON.stringify({ t: 'offer', ballotId: m.ballotId, pub: m.pub, sealed }));
  }

  /**
   * Asks the other processes for a ballot's secret key; resolves with it (base64, unchecked: the caller checks it
   * against the ballot) or undefined when nobody answered within `waitMs`.
   */
  async request(ballotId: string, waitMs = KEY_RELAY_WAIT_MS): Promise<string | undefined> {
    await sealReady();
    const pair = newKeyPair();
    const slot = `${ballotId}\n${pair.publicKey}`;
    try {
      const sealed = await new Promise<string | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), waitMs);
        this.waiting.set(slot, (s) => {
          clearTimeout(timer);
          resolve(s);
        });
        this.channel.send(JSON.stringify({ t: 'req', ballotId, pub: pair.publicKey, mac: this.mac(ballotId, pair.publicKey) }));
      });
      if (!sealed) return undefined;
      try {
        return openSecretKey(sealed, pair);
      } catch {
        return undefined;
      }
    } finally {
      this.waiting.delete(slot);
    }
  }
}
