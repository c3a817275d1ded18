// The 平板 screen's data (GET /api/meetings/:id/tablets, server/devices/tablets-route.ts) and its filters.

import type { TabletRow } from '../../../shared/responses/devices.ts';

/** One seated deputy's row: unused code (reprintable), paired tablet, online, checked in, voted (only that). */
export type { TabletRow };

export const STATE_FILTERS = ['all', 'noCode', 'code', 'paired', 'offline', 'notCheckedIn', 'notVoted'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

/** Whether `row` is in the state the filter names ('all': every row). */
export function matchesState(row: TabletRow, state: StateFilter): boolean {
  switch (state) {
    case 'all':
      return true;
    case 'noCode':
      return row.code === null && row.paired === null;
    case 'code':
      return row.code !== null;
    case 'paired':
      return row.paired !== null;
    case 'offline':
      return row.paired !== null && !row.online;
    case 'notCheckedIn':
      return !row.checkedIn;
    case 'notVoted':
      return row.voted === false;
  }
}

/** A time of day as the hall reads it (24 h, China time is the machine's). */
export const clockTime = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
