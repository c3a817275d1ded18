import type { Migration } from 'kysely';
import * as core from './20261129_0001_core.ts';
import * as display from './20261129_0003_display.ts';
import * as projects from './20261129_0004_projects.ts';
import * as sealed from './20261130_0100_sealed.ts';
import * as trust from './20261130_0200_trust.ts';
import * as evaluationItems from './20261130_0300_evaluation_items.ts';
import * as milestoneTrack from './20261130_0500_milestone_track.ts';
import * as accounts from './20261130_0600_accounts.ts';
import * as year from './20261130_0700_year.ts';
import * as reportSettings from './20261130_0800_report_settings.ts';
import * as review from './20261130_1600_review.ts';
import * as supervision from './20261130_1650_supervision.ts';
import * as paperBallots from './20261130_1700_paper_ballots.ts';
import * as pairingCodeBox from './20261130_1313_pairing_code_box.ts';
import * as supervisionKeys from './20261201_0100_supervision_keys.ts';
import * as pairingBudget from './20261201_0200_pairing_budget.ts';
import * as pairingReserve from './20261201_0700_pairing_reserve.ts';

// Listed by hand rather than read from the directory so that the bundle, tsx and vitest all see the same set.
// Names sort by timestamp; never rename or edit one that has shipped — add a new one.
export const migrations: Record<string, Migration> = {
  '20261129_0001_core': core,
  '20261129_0003_display': display,
  '20261129_0004_projects': projects,
  '20261130_0100_sealed': sealed,
  '20261130_0200_trust': trust,
  '20261130_0300_evaluation_items': evaluationItems,
  '20261130_0500_milestone_track': milestoneTrack,
  '20261130_0600_accounts': accounts,
  '20261130_0700_year': year,
  '20261130_0800_report_settings': reportSettings,
  '20261130_1313_pairing_code_box': pairingCodeBox,
  '20261130_1600_review': review,
  '20261130_1650_supervision': supervision,
  '20261130_1700_paper_ballots': paperBallots,
  '20261201_0100_supervision_keys': supervisionKeys,
  '20261201_0200_pairing_budget': pairingBudget,
  '20261201_0700_pairing_reserve': pairingReserve,
};
