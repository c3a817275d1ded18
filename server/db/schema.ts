import type { BallotStatus, StaffRole } from '../../shared/api.ts';
import type { Generated } from 'kysely';

// Row types as stored. JSON columns are strings here; stores parse them with the shared zod schemas.
export interface AccountTable {
  id: string;
  username: string;
  password_hash: string;
  role: StaffRole;
  unit_name: string | null;
  created_at: number;
  /** 1: a one-time password; every route but change-password refuses (password_change_required). */
  must_change_password: Generated<number>;
  disabled_at: number | null;
}
export interface SessionTable {
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
}
export interface MeetingTable {
  id: string;
  name: string;
  date: string;
  year: number;
  created_at: number;
  /** The chief scrutineer's public key (base64): ballot keys are sealed to it. Null: escrow to the server. */
  scrutineer_public_key: string | null;
}
export interface DelegationTable {
  id: string;
  meeting_id: string;
  name: string;
  position: number;
}
export interface DeputyTable {
  id: string;
  meeting_id: string;
  delegation_id: string;
  name: string;
  seat: string | null;
  code: string | null;
  seated: Generated<number>;
  created_at: number;
}
export interface CheckInTable {
  meeting_id: string;
  deputy_id: string;
  at: number;
  method: 'tablet' | 'manual';
  by_account_id: string | null;
  /** The scrutineer who approved a manual check-in made after the session opened. */
  approved_by: string | null;
}
/** The 附件 columns of a project, as a candidate has them and a tracked project copies them. */
export interface ProjectColumns {
  name: string;
  category: string | null;
  budget_wan: number | null;
  summary: string;
  annual_task: string;
  units_lead: string;
  units_cooperate: string;
  units_implement: string;
  county_leader: string;
  responsible_leader: string;
  leader_in_charge: string;
  contacts: string;
  remarks: string;
}
export interface CandidateTable extends ProjectColumns {
  id: string;
  meeting_id: string;
  seq: number;
  created_at: number;
}
export interface MilestoneTable {
  candidate_id: string;
  position: number;
  period: string;
  amount_wan: number | null;
  text: string;
  target: number | null;
  percent: number | null;
  track: string | null;
  kind: 'recurring' | 'target' | null;
}
export type { BallotStatus };
/**
 * An item of an evaluation ballot (满意度测评): a tracked project, numbered as the paper shows it, with what the
 * paper showed (migration 0005). item_id is the id papers mark — the project's id.
 */
export interface BallotItemTable {
  ballot_id: string;
  item_id: string;
  project_id: string;
  position: number;
  number: number;
  name: string;
  category: string | null;
  budget_wan: number | null;
  summary: string;
  annual_task: string;
}

export interface BallotTable {
  id: string;
  meeting_id: string;
  title: string;
  options: string;
  max_approvals: number | null;
  seats: number | null;
  threshold: string;
  blank: string;
  ties: string;
  secret: number;
  duration_ms: number;
  close_when_all_voted: number;
  status: BallotStatus;
  runoff_of: string | null;
  opened_at: number | null;
  deadline_at: number | null;
  closed_at: number | null;
  close_reason: string | null;
  announced_at: number | null;
  seated: number | null;
  present: number | null;
  presidium_decision: string | null;
  /** Evaluations only (migration 0005): report a rating with its 满意率, or the 满意率 only. */
  evaluation_report: 'rating' | 'rate' | null;
  created_at: number;
  /** 'pending': closed, envelopes not yet opened (the key must come from the recovery sheet). */
  opening: string | null;
  seal_public_key: string | null;
  seal_plaintext_length: number | null;
  /** 1: the whole ballot runs on paper from the start (migration 1700, DESIGN §10). */
  paper_only: number;
  /** Paper ballots issued, fixed at close; null when none were. */
  issued: number | null;
  /** When the entered paper ballots joined the tally (ms); null until then. */
  paper_counted_at: number | null;
}
export interface BallotCandidateTable {
  ballot_id: string;
  candidate_id: string;
  position: number;
}
export interface CastTable {
  ballot_id: string;
  deputy_id: string;
  at: number;
  /** 'paper': a paper ballot (纸质选票) was issued to the deputy (DESIGN §10). */
  source: Generated<'tablet' | 'paper'>;
}
/** A printed paper ballot's serial: 'printed', or 'void' once reprinted (replaced_by names the new serial). */
export interface PaperSerialTable {
  ballot_id: string;
  serial: string;
  status: 'printed' | 'void';
  printed_at: number;
  printed_by: string;
  voided_at: number | null;
  replaced_by: string | null;
}
/** One clerk's entry of one collected paper: canonical JSON of a PaperEntry (shared/paper-ballot.ts). */
export interface PaperEntryTable {
  ballot_id: string;
  serial: string;
  clerk_id: string;
  entry: string;
  at: number;
}
/** A scrutineer's decision on a paper whose two entries differ, read from the paper itself. */
export interface PaperDecisionTable {
  ballot_id: string;
  serial: string;
  scrutineer_id: string;
  entry: string;
  note: string | null;
  at: number;
}
export interface PaperTable {
  ballot_id: string;
  id: string;
  marks: string;
  valid: number;
  invalid_reason: string | null;
  digest: string;
  deputy_id: string | null;
  source: Generated<'tablet' | 'paper'>;
}
/** A secret ballot's sealed key while it is open (DESIGN §5); deleted at the opening. */
export interface BallotKeyTable {
  ballot_id: string;
  sealed_secret_key: string;
  escrow: 'scrutineer' | 'server';
}
/** A sealed paper as acknowledged: the tracker (sha256 of the body, hex) is the deputy's receipt. */
export interface EnvelopeTable {
  ballot_id: string;
  tracker: string;
  body: Uint8Array;
}
/** The published ballot box: the trackers of the envelopes opened at close. */
export interface BallotBoxTable {
  ballot_id: string;
  tracker: string;
}
export interface TallyTable {
  ballot_id: string;
  result: string;
  computed_at: number;
}
export interface DeviceTable {
  id: string;
  deputy_id: string;
  token_hash: string | null;
  pairing_code_hash: string | null;
  code_expires_at: number | null;
  paired_at: number | null;
  revoked_at: number | null;
  created_at: number;
  /** The scrutineer who approved the code of a re-pairing made after the session opened. */
  approved_by: string | null;
  /** The unused code, sealed under the server secret (codes.ts sealCode) so the console can reprint it; null once used. */
  pairing_code_box: string | null;
}
export type ApprovalKind = 'pairing_code' | 'manual_check_in';
/** An operator's request that a second person (a scrutineer) approves before it is carried out (DESIGN §7). */
export interface ApprovalTable {
  id: string;
  meeting_id: string;
  kind: ApprovalKind;
  deputy_id: string;
  detail: string;
  requested_by: string;
  requested_at: number;
  status: 'pending' | 'approved' | 'refused';
  decided_by: string | null;
  decided_at: number | null;
}
export interface AuditEventTable {
  seq: number;
  at: number;
  actor: string;
  action: string;
  meeting_id: string | null;
  ballot_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface DisplayTokenTable {
  id: string;
  meeting_id: string;
  token_hash: string;
  label: string;
  created_at: number;
  revoked_at: number | null;
  /** Null only for rows the migration could not date (none: it sets created_at + 7 days). */
  expires_at: number | null;
}

/**
 * One pairing attempt of the last minute, counted against the network-wide budget of wrong codes before its code
 * is checked and deleted when the code proves right (server/devices/budget.ts). Used on PostgreSQL only, where
 * several processes share the budget; `at`: ms since the epoch.
 */
export interface PairingAttemptTable {
  id: string;
  at: number;
  /** 'main' or 'reserve' (server/devices/budget.ts). */
  budget: Generated<string>;
  /** The address that sent the code. */
  address: Generated<string>;
}

export interface Database {
  approval: ApprovalTable;
  display_token: DisplayTokenTable;
  account: AccountTable;
  session: SessionTable;
  meeting: MeetingTable;
  delegation: DelegationTable;
  deputy: DeputyTable;
  check_in: CheckInTable;
  candidate: CandidateTable;
  milestone: MilestoneTable;
  ballot: BallotTable;
  ballot_candidate: BallotCandidateTable;
  ballot_item: BallotItemTable;
  cast: CastTable;
  paper_serial: PaperSerialTable;
  paper_entry: PaperEntryTable;
  paper_decision: PaperDecisionTable;
  paper: PaperTable;
  ballot_key: BallotKeyTable;
  envelope: EnvelopeTable;
  ballot_box: BallotBoxTable;
  tally: TallyTable;
  device: DeviceTable;
  audit_event: AuditEventTable;
  pairing_attempt: PairingAttemptTable;
}
