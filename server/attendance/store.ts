import { sql } from 'kysely';
import { hasQuorum, quorumRequired } from '../../shared/rules/quorum.ts';
import type { Executor } from '../db/database.ts';

export interface DelegationAttendance {
  id: string;
  name: string;
  seated: number;
  present: number;
}

export interface Attendance {
  /** 应到: deputies holding a seat (实有人数). */
  seated: number;
  /** 实到: of them, checked in. */
  present: number;
  quorum: { required: number; met: boolean };
  byDelegation: DelegationAttendance[];
}

/** 应到/实到/法定人数 for a meeting, by delegation, in one query. */
export async function attendanceOf(db: Executor, meetingId: string): Promise<Attendance> {
  const rows = await db
    .selectFrom('delegation')
    .leftJoin('deputy', (j) => j.onRef('deputy.delegation_id', '=', 'delegation.id').on('deputy.seated', '=', 1))
    .leftJoin('check_in', (j) =>
      j.onRef('check_in.deputy_id', '=', 'deputy.id').onRef('check_in.meeting_id', '=', 'delegation.meeting_id'),
    )
    .select([
      'delegation.id',
      'delegation.name',
      sql<number>`count(deputy.id)`.as('seated'),
      sql<number>`count(check_in.deputy_id)`.as('present'),
    ])
    .where('delegation.meeting_id', '=', meetingId)
    .groupBy(['delegation.id', 'delegation.name', 'delegation.position'])
    .orderBy('delegation.position')
    .execute();
  const seated = rows.reduce((n, r) => n + Number(r.seated), 0);
  const present = rows.reduce((n, r) => n + Number(r.present), 0);
  return {
    seated,
    present,
    quorum: { required: quorumRequired(seated), met: hasQuorum(seated, present) },
    byDelegation: rows.map((r) => ({ id: r.id, name: r.name, seated: Number(r.seated), present: Number(r.present) })),
  };
}

export async function isCheckedIn(db: Executor, meetingId: string, deputyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('check_in')
    .select('deputy_id')
    .where('meeting_id', '=', meetingId)
    .where('deputy_id', '=', deputyId)
    .executeTakeFirst();
  return row !== undefined;
}
