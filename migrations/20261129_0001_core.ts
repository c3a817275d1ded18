import { sql, type Kysely } from 'kysely';
import { appendOnly, int64, withoutRowid } from './dialect.ts';

// The ballot core. Migrations are typed as Kysely<any> on purpose: they describe the database as it was
// at the time they were written and must never import application code.
// Times are integer milliseconds since the epoch (server clock); money is 万元 as REAL. On PostgreSQL the same
// builder calls make bigint and double precision columns (./dialect.ts, server/db/postgres.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','operator','scrutineer','unit')`))
    // For role 'unit' (a responsible unit, 责任单位): the unit's name as the candidate tables write it.
    .addColumn('unit_name', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('delegation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('delegation_meeting_name', ['meeting_id', 'name'])
    .execute();

  await db.schema
    .createTable('deputy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('delegation_id', 'text', (c) => c.notNull().references('delegation.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seat', 'text')
    .addColumn('code', 'text')
    // 0 when the deputy no longer holds the seat (resigned, removed): not counted in 实有人数.
    .addColumn('seated', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deputy_meeting').on('deputy').columns(['meeting_id', 'delegation_id']).execute();
  await sql`create unique index deputy_meeting_seat on deputy(meeting_id, seat) where seat is not null`.execute(db);

  await db.schema
    .createTable('check_in')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('tablet','manual')`))
    .addColumn('by_account_id', 'text', (c) => c.references('account.id'))
    .addPrimaryKeyConstraint('check_in_pk', ['meeting_id', 'deputy_id'])
    .execute();

  await db.schema
    .createTable('candidate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('budget_wan', 'real')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('annual_task', 'text', (c) => c.notNull())
    .addColumn('units_lead', 'text', (c) => c.notNull()) // JSON string[] — 牵头单位
    .addColumn('units_cooperate', 'text', (c) => c.notNull()) // JSON string[] — 配合单位
    .addColumn('units_implement', 'text', (c) => c.notNull()) // JSON string[] — 实施单位
    .addColumn('county_leader', 'text', (c) => c.notNull()) // 县级分管领导
    .addColumn('responsible_leader', 'text', (c) => c.notNull()) // 责任领导
    .addColumn('leader_in_charge', 'text', (c) => c.notNull()) // 分管领导
    .addColumn('contacts', 'text', (c) => c.notNull()) // JSON {name, phone}[] — 责任人及联系电话
    .addColumn('remarks', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('candidate_meeting_seq', ['meeting_id', 'seq'])
    .addUniqueConstraint('candidate_meeting_name', ['meeting_id', 'name'])
    .execute();

  await db.schema
    .createTable('milestone')
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidate.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('amount_wan', 'real')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('target', 'real') // a count the node aims at (200 场), when the source says
    .addColumn('percent', 'real') // share of the year's task done by this node, 0–100
    .addPrimaryKeyConstraint('milestone_pk', ['candidate_id', 'position'])
    .execute();

  await db.schema
    .createTable('ballot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull()) // JSON, one of the two option tuples
    .addColumn('max_approvals', 'integer')
    .addColumn('seats', 'integer')
    .addColumn('threshold', 'text', (c) => c.notNull())
    .addColumn('blank', 'text', (c) => c.notNull())
    .addColumn('ties', 'text', (c) => c.notNull())
    .addColumn('secret', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('close_when_all_voted', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft','open','closed','announced')`),
    )
    .addColumn('runoff_of', 'text', (c) => c.references('ballot.id'))
    .addColumn('opened_at', 'integer')
    .addColumn('deadline_at', 'integer')
    .addColumn('closed_at', 'integer')
    .addColumn('close_reason', 'text')
    .addColumn('announced_at', 'integer')
    .addColumn('seated', 'integer') // attendance fixed at close
    .addColumn('present', 'integer')
    .addColumn('presidium_decision', 'text') // JSON string[] of candidate ids, ties = presidium
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ballot_meeting').on('ballot').columns(['meeting_id', 'created_at']).execute();

  await db.schema
    .createTable('ballot_candidate')
    .addColumn('ballot_id', 'text', (c) => c.notNull().references('ballot.id').onDelete('cascade'))
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidate.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ballot_candidate_pk', ['ballot_id', 'candidate_id'])
    .execute();

  // Who voted, never what. One row per deputy per ballot makes a second paper impossible.
  await db.schema
    .createTable('cast')
    .addColumn('ballot_id', 'text', (c) => c.notNull().references('ballot.id'))
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cast_pk', ['ballot_id', 'deputy_id'])
    .execute();

  // What was voted, never who (secret ballots). WITHOUT ROWID and keyed by a random id, so neither a rowid
  // nor the physical order of the b-tree records the order in which papers arrived.
  await sql`
    create table paper (
      ballot_id text not null references ballot(id),
      id text not null,
      marks text not null,
      valid ${int64(db)} not null,
      invalid_reason text,
      digest text not null,
      deputy_id text references deputy(id),
      primary key (ballot_id, id)
    ) ${withoutRowid(db)}`.execute(db);

  await db.schema
    .createTable('tally')
    .addColumn('ballot_id', 'text', (c) => c.primaryKey().references('ballot.id'))
    .addColumn('result', 'text', (c) => c.notNull()) // JSON, the §9 tally
    .addColumn('computed_at', 'integer', (c) => c.notNull())
    .execute();

  // A tablet bound to one deputy after pairing. Tokens and codes are stored hashed.
  await db.schema
    .createTable('device')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputy.id'))
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('pairing_code_hash', 'text', (c) => c.unique())
    .addColumn('code_expires_at', 'integer')
    .addColumn('paired_at', 'integer')
    .addColumn('revoked_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  // Append-only, hash-chained. seq is dense and increasing; hash = sha256(prev_hash + canonical event).
  await db.schema
    .createTable('audit_event')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text')
    .addColumn('ballot_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await appendOnly(db, 'audit_event');
}

export async function down(): Promise<void> {
  throw new Error('the core schema cannot be rolled back');
}
