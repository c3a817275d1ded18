import { sql, type Kysely } from 'kysely';
import { int64, withoutRowid } from './dialect.ts';

// Paper ballots (纸质选票, DESIGN §10; issue 17). Issuing a paper ballot to a deputy records their `cast` with
// source 'paper' (they cannot also vote on a tablet). Printed ballots carry a serial (`paper_serial`; reprinting
// voids the old one). After the close two clerks enter each collected paper by its serial (`paper_entry`, one row
// per clerk); a paper whose entries differ is decided by a scrutineer (`paper_decision`). The serial is never
// linked to a deputy: issuing records who got a paper, printing which serials exist, never which went to whom.
export async function up(db: Kysely<any>): Promise<void> {
  // 1: the whole ballot runs on paper from the start (tablets are told to use the paper ballot).
  await db.schema.alterTable('ballot').addColumn('paper_only', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Paper ballots issued, fixed at close (null: none were).
  await db.schema.alterTable('ballot').addColumn('issued', 'integer').execute();
  // When the entered papers joined the tally (ms since the epoch); null until then.
  await db.schema.alterTable('ballot').addColumn('paper_counted_at', 'integer').execute();
  await db.schema.alterTable('cast').addColumn('source', 'text', (c) => c.notNull().defaultTo('tablet')).execute();
  await sql`
    create table paper_serial (
      ballot_id text not null references ballot(id),
      serial text not null,
      status text not null,
      printed_at ${int64(db)} not null,
      printed_by text not null,
      voided_at ${int64(db)},
      replaced_by text,
      primary key (ballot_id, serial)
    ) ${withoutRowid(db)}`.execute(db);
  await sql`
    create table paper_entry (
      ballot_id text not null references ballot(id),
      serial text not null,
      clerk_id text not null references account(id),
      entry text not null,
      at ${int64(db)} not null,
      primary key (ballot_id, serial, clerk_id)
    ) ${withoutRowid(db)}`.execute(db);
  await sql`
    create table paper_decision (
      ballot_id text not null references ballot(id),
      serial text not null,
      scrutineer_id text not null references account(id),
      entry text not null,
      note text,
      at ${int64(db)} not null,
      primary key (ballot_id, serial)
    ) ${withoutRowid(db)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('paper_decision').execute();
  await db.schema.dropTable('paper_entry').execute();
  await db.schema.dropTable('paper_serial').execute();
}
