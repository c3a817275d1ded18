import { appendAudit } from '../audit/store.ts';
import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';
import { newId, sha256 } from '../ids.ts';
import { newPairingCode, pairingCodeDigest, sealCode } from './codes.ts';

/** What the server needs to issue and check pairing codes: its secret (see loadServerSecret) and the codes' life. */
export interface PairingSettings {
  secret: Buffer;
  /** How long an issued code pairs (ms); PAIRING_CODE_TTL_HOURS, 12 h by default. */
  codeTtlMs: number;
}

/**
 * When the meeting's session opened: the first time one of its ballots opened (ms), or null before that. From
 * then on a re-pairing or a manual check-in needs a scrutineer's approval, and pairings are listed on the report
 * (DESIGN §7).
 */
export async function sessionOpenedAt(db: Executor, meetingId: string): Promise<number | null> {
  const row = await db.selectFrom('ballot').select((eb) => eb.fn.min('opened_at').as('at')).where('meeting_id', '=', meetingId).executeTakeFirst();
  return row?.at ?? null;
}

/** A seated deputy of the meeting, or throws not_found / not_on_roster. */
export async function seatedDeputy(db: Executor, meetingId: string, deputyId: string) {
  const deputy = await db.selectFrom('deputy').select(['id', 'name', 'seated']).where('id', '=', deputyId).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!deputy) throw errors.notFound('deputy');
  if (deputy.seated !== 1) throw errors.state('not_on_roster', 'this deputy no longer holds a seat');
  return deputy;
}

/** Whether a tablet was ever paired for this deputy (revoked ones count: a new code is then a re-pairing). */
export async function hasPaired(db: Executor, deputyId: string): Promise<boolean> {
  const row = await db.selectFrom('device').select('id').where('deputy_id', '=', deputyId).where('paired_at', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The deputy's live paired tablet (paired, not revoked), or undefined. */
export async function livePairedTablet(db: Executor, deputyId: string) {
  return db.selectFrom('device').select(['id', 'paired_at']).where('deputy_id', '=', deputyId).where('paired_at', 'is not', null).where('revoked_at', 'is', null).executeTakeFirst();
}

/**
 * Issues a one-time pairing code (8 digits, returned once, stored only as its HMAC) and voids the deputy's unused
 * ones, audited. `approvedBy`: the scrutineer who approved it, for a re-pairing after the session opened.
 */
export async function issuePairingCode(
  trx: Executor,
  settings: PairingSettings,
  input: { meetingId: string; deputyId: string; deputyName: string; actor: string; approvedBy?: string },
  now: number,
): Promise<{ code: string; expiresAt: number }> {
  const code = newPairingCode();
  const expiresAt = now + settings.codeTtlMs;
  await trx.deleteFrom('device').where('deputy_id', '=', input.deputyId).where('paired_at', 'is', null).execute();
  await trx
    .insertInto('device')
    .values({
      id: newId('t'),
      deputy_id: input.deputyId,
      token_hash: null,
      pairing_code_hash: pairingCodeDigest(settings.secret, code),
      pairing_code_box: sealCode(settings.secret, code),
      code_expires_at: expiresAt,
      paired_at: null,
      revoked_at: null,
      created_at: now,
      approved_by: input.approvedBy ?? null,
    })
    .execute();
  const detail = { deputyId: input.deputyId, deputyName: input.deputyName, expiresAt, ...(input.approvedBy ? { approvedBy: input.approvedBy } : {}) };
  await appendAudit(trx, { actor: input.actor, action: 'device.code_issued', meetingId: input.meetingId, detail }, now);
  return { code, expiresAt };
}

/**
 * Trades a code for a device token: the tablet is paired, and every other live tablet of the deputy is revoked
 * (one live tablet per deputy, DESIGN §7), each audited. Returns null for a wrong, used or expired code; the ids
 * of the revoked tablets are returned so the caller closes their sockets after the commit.
 *
 * Also null — and the code voided, audited as `device.code_voided` — for a re-pairing after the session opened
 * without a scrutineer's approval: a code issued before the opening for a deputy who had (or has since) paired a
 * tablet. Otherwise an operator could issue a second code in the morning, keep it, and after the opening replace
 * a deputy's tablet without the second person (issue 12). A first pairing needs no approval (it is listed on the
 * report); a code approved by a scrutineer pairs.
 */
export async function pairWithCode(trx: Executor, settings: PairingSettings, code: string, token: string, now: number) {
  const device = await trx
    .selectFrom('device')
    .innerJoin('deputy', 'deputy.id', 'device.deputy_id')
    .select(['device.id', 'device.deputy_id as deputyId', 'deputy.meeting_id as meetingId', 'deputy.name', 'device.code_expires_at as expiresAt', 'device.approved_by as approvedBy'])
    .where('device.pairing_code_hash', '=', pairingCodeDigest(settings.secret, code))
    .where('device.paired_at', 'is', null)
    .executeTakeFirst();
  if (!device || (device.expiresAt ?? 0) <= now) return null;
  if (!device.approvedBy && (await sessionOpenedAt(trx, device.meetingId)) !== null && (await hasPaired(trx, device.deputyId))) {
    await trx.deleteFrom('device').where('id', '=', device.id).execute();
    const detail = { deputyId: device.deputyId, deputyName: device.name, reason: 'approval_required' };
    await appendAudit(trx, { actor: `device:${device.id}`, action: 'device.code_voided', meetingId: device.meetingId, detail }, now);
    return null;
  }
  const previous = await trx
    .selectFrom('device')
    .select('id')
    .where('deputy_id', '=', device.deputyId)
    .where('id', '!=', device.id)
    .where('paired_at', 'is not', null)
    .where('revoked_at', 'is', null)
    .execute();
  const actor = `device:${device.id}`;
  for (const old of previous) {
    await trx.updateTable('device').set({ revoked_at: now, token_hash: null }).where('id', '=', old.id).execute();
    await appendAudit(trx, { actor, action: 'device.revoked', meetingId: device.meetingId, detail: { deviceId: old.id, deputyId: device.deputyId, reason: 'replaced', replacedBy: device.id } }, now);
  }
  await trx.updateTable('device').set({ token_hash: sha256(token), pairing_code_hash: null, pairing_code_box: null, paired_at: now }).where('id', '=', device.id).execute();
  const openedAt = await sessionOpenedAt(trx, device.meetingId);
  const detail = { deputyId: device.deputyId, afterOpening: openedAt !== null, replaced: previous.map((p) => p.id), ...(device.approvedBy ? { approvedBy: device.approvedBy } : {}) };
  await appendAudit(trx, { actor, action: 'device.paired', meetingId: device.meetingId, detail }, now);
  return { ...device, revoked: previous.map((p) => p.id) };
}
