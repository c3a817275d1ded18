import type { Executor } from '../db/database.ts';
import { sessionOpenedAt } from '../devices/store.ts';

/** A tablet pairing made after the session opened: who, when (ms), and the scrutineer who approved it, if any. */
export interface PairingAfterOpening {
  deviceId: string;
  deputyName: string;
  delegation: string;
  seat: string | null;
  at: number;
  approvedBy: string | null;
  revokedAt: number | null;
}

/** A 手动补签到 made after the session opened: who, when (ms), the operator who asked and the approving scrutineer. */
export interface ManualCheckInAfterOpening {
  deputyName: string;
  delegation: string;
  seat: string | null;
  at: number;
  by: string | null;
  approvedBy: string | null;
}

/**
 * Every tablet pairing and manual check-in of the meeting made after its session opened (its first ballot), oldest
 * first — what the printed 表决结果报告 lists for the scrutineers (DESIGN §7, issue 12). Before the opening:
 * `openedAt` null and both lists empty.
 */
export async function afterOpeningOf(
  db: Executor,
  meetingId: string,
): Promise<{ openedAt: number | null; pairings: PairingAfterOpening[]; manualCheckIns: ManualCheckInAfterOpening[] }> {
  const openedAt = await sessionOpenedAt(db, meetingId);
  if (openedAt === null) return { openedAt, pairings: [], manualCheckIns: [] };
  const pairings = await db
    .selectFrom('device')
    .innerJoin('deputy', 'deputy.id', 'device.deputy_id')
    .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
    .select(['device.id as deviceId', 'deputy.name as deputyName', 'delegation.name as delegation', 'deputy.seat', 'device.paired_at as at', 'device.approved_by as approvedBy', 'device.revoked_at as revokedAt'])
    .where('deputy.meeting_id', '=', meetingId)
    .where('device.paired_at', '>=', openedAt)
    .orderBy('device.paired_at')
    .execute();
  const manualCheckIns = await db
    .selectFrom('check_in')
    .innerJoin('deputy', 'deputy.id', 'check_in.deputy_id')
    .innerJoin('delegation', 'delegation.id', 'deputy.delegation_id')
    .leftJoin('account', 'account.id', 'check_in.by_account_id')
    .select(['deputy.name as deputyName', 'delegation.name as delegation', 'deputy.seat', 'check_in.at', 'account.username as by', 'check_in.approved_by as approvedBy'])
    .where('check_in.meeting_id', '=', meetingId)
    .where('check_in.method', '=', 'manual')
    .where('check_in.at', '>=', openedAt)
    .orderBy('check_in.at')
    .execute();
  return { openedAt, pairings: pairings.map((p) => ({ ...p, at: p.at ?? openedAt })), manualCheckIns };
}
