import type { tabletsZh } from '../zh/tablets.ts';

// The tablets screen, in English; spread into the console's catalogue.

export const tabletsEn: Record<keyof typeof tabletsZh, string> = {
  'tablets.title': 'Tablets and pairing codes',
  'tablets.hint': 'One pairing card per deputy. An unused code stays here while it is valid, to print again at any time; it is void once used. A deputy has one tablet in use at most.',
  'tablets.filterState': 'State',
  'tablets.state.all': 'All',
  'tablets.state.noCode': 'No code yet',
  'tablets.state.code': 'Code not yet used',
  'tablets.state.paired': 'Paired',
  'tablets.state.offline': 'Paired, offline',
  'tablets.state.notCheckedIn': 'Not checked in',
  'tablets.state.notVoted': 'Not voted in this ballot',
  'tablets.issueMissing': 'Issue codes for deputies without a tablet ({n})',
  'tablets.printShown': 'Print pairing cards ({n})',
  'tablets.tablet': 'Tablet',
  'tablets.online': 'Online',
  'tablets.checkedIn': 'Checked in',
  'tablets.voted': 'Voted',
  'tablets.yes': 'Yes',
  'tablets.no': 'No',
  'tablets.validUntil': 'valid until {time}',
  'tablets.pairedAt': 'paired {time}',
  'tablets.device': 'device {id}',
  'tablets.votedHint': '"Voted" says only whether the deputy has voted, never how.',
  'tablets.replaceTitle': '{name} already has a paired tablet',
  'tablets.replaceBody': 'Paired at {time} (device {id}). Once a tablet pairs with a new code, the old one is revoked and disconnected at once. Do this only when the old tablet is lost or broken.',
  'tablets.replaceConfirm': 'Issue a new code, replacing the old tablet',
  'tablets.none': 'No deputy matches.',
  'tablets.count': 'Showing {shown} of {total}',
};
