import type { AfterOpening } from './responses/trust.ts';

// The oversight part of the printed 表决结果报告 (DESIGN §7, issue 12): the console's page and the .docx list the
// same lines, worded by their own translator (the console's t(), the exports' w()).

/** The catalogue keys an oversight line is worded with, and the translator that words them. */
export type OversightKey = 'oversight.pairing' | 'oversight.manual' | 'oversight.by' | 'oversight.approvedBy' | 'oversight.notApproved';
export type OversightSay = (key: OversightKey, vars?: { who: string }) => string;

/** One line: when (ms since the epoch), what happened, to whom (name and delegation), and who did / approved it. */
export interface OversightRow {
  /** Stable within one list: `p-<deviceId>` for a pairing, `m-<index>` for a manual check-in. */
  key: string;
  at: number;
  what: string;
  name: string;
  delegation: string;
  who: string;
}

/**
 * The pairings and manual check-ins made after the session opened, as oversight lines oldest first (a pairing not
 * approved says so; a manual check-in names its operator and its approving scrutineer, where known).
 */
export function oversightRows(after: Pick<AfterOpening, 'pairings' | 'manualCheckIns'>, say: OversightSay): OversightRow[] {
  return [
    ...after.pairings.map((p) => ({
      key: `p-${p.deviceId}`,
      at: p.at,
      what: say('oversight.pairing'),
      name: p.deputyName,
      delegation: p.delegation,
      who: p.approvedBy ? say('oversight.approvedBy', { who: p.approvedBy }) : say('oversight.notApproved'),
    })),
    ...after.manualCheckIns.map((c, i) => ({
      key: `m-${i}`,
      at: c.at,
      what: say('oversight.manual'),
      name: c.deputyName,
      delegation: c.delegation,
      who: [c.by ? say('oversight.by', { who: c.by }) : '', c.approvedBy ? say('oversight.approvedBy', { who: c.approvedBy }) : ''].filter(Boolean).join('，'),
    })),
  ].sort((a, b) => a.at - b.at);
}
