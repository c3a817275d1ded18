import type { draftsZh } from '../zh/drafts.ts';

// Draft ballot editing and the open/extend confirmations, in English; spread into the console's catalogue.

export const draftsEn: Record<keyof typeof draftsZh, string> = {
  'draft.edit': 'Edit draft',
  'draft.save': 'Save changes',
  'draft.delete': 'Delete draft',
  'draft.evaluationFixed': 'An evaluation draft’s projects and rating rule cannot be edited: to change them, delete the draft and create the evaluation again.',
  'draft.deleteQuestion': 'This cannot be undone (the audit log keeps a record).',
  'ballot.openQuestion': 'Once open, the rules and candidates cannot change and the roster is locked until it closes.',
  'ballot.extendQuestion': 'Move the deadline by {minutes, plural, one {# minute} other {# minutes}}?',
  'ballot.extendConfirm': 'Confirm extension',
  'promoted.some': 'Announcing put {n, plural, one {# project} other {# projects}} on the {year} list of livelihood projects:',
  'promoted.none': 'Announcing put no new project on the list.',
  'promoted.all': 'All {year} projects →',
};
