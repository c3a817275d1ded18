import { sql, type Kysely } from 'kysely';
import { bytes, withoutRowid } from './dialect.ts';

// Sealed papers (DESIGN §5). While a secret ballot is open the server holds only envelopes: `envelope` rows
// keyed by their tracker, never plaintext marks. The ballot's secret key lives in memory; on disk only sealed to
// the meeting's scrutineer key (or, for a training meeting without one, to the server's escrow key file).
// At the opening (启封) the envelopes become plaintext papers under fresh ids, the trackers go to `ballot_box`,
// and the envelopes and the key row are deleted.
export async function up(db: Kysely<any>): Promise<void> {
  // The public half of the chief scrutineer's key pair (base64); null: the meeting escrows to the server.
  await db.schema.alterTable('meeting').addColumn('scrutineer_public_key', 'text').execute();
  // 'pending' while a closed ballot waits for its envelopes to be opened (the key was lost with a restart).
  await db.schema.alterTable('ballot').addColumn('opening', 'text').execute();
  // What tablets seal to (public): the ballot's public key (base64) and the padded plaintext length in bytes.
  await db.schema.alterTable('ballot').addColumn('seal_public_key', 'text').execute();
  await db.schema.alterTable('ballot').addColumn('seal_plaintext_length', 'integer').execute();
  await db.schema.alterTable('paper').addColumn('source', 'text', (c) => c.notNull().defaultTo('tablet')).execute();
  await db.schema
    .createTable('ballot_key')
    .addColumn('ballot_id', 'text', (c) => c.primaryKey().references('ballot.id'))
    .addColumn('sealed_secret_key', 'text', (c) => c.notNull())
    .addColumn('escrow', 'text', (c) => c.notNull())
    .execute();
  await sql`
    create table envelope (
      ballot_id text not null references ballot(id),
      tracker text not null,
      body ${bytes(db)} not null,
      primary key (ballot_id, tracker)
    ) ${withoutRowid(db)}`.execute(db);
  await sql`
    create table ballot_box (
      ballot_id text not null references ballot(id),
      tracker text not null,
      primary key (ballot_id, tracker)
    ) ${withoutRowid(db)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ballot_box').execute();
  await db.schema.dropTable('envelope').execute();
  await db.schema.dropTable('ballot_key').execute();
}
