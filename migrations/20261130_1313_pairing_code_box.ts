import type { Kysely } from 'kysely';

// Issue 13: the 配对码 screen shows the codes issued and not yet used after a reload, so cards not yet printed are
// not lost. The code is kept sealed (AES-256-GCM under a key derived from the server secret, server/devices/codes.ts),
// and only while it can still pair: pairing, revoking and voiding clear it; an expired one is never shown.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('device').addColumn('pairing_code_box', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('device').dropColumn('pairing_code_box').execute();
}
