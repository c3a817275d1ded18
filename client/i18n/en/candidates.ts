import type { candidatesZh } from '../zh/candidates.ts';

// The candidates screen, in English; spread into the console's catalogue.

export const candidatesEn: Record<keyof typeof candidatesZh, string> = {
  'tabs.candidates': 'Candidates',
  'candidates.title': 'Candidate projects ({n})',
  'candidates.hint': 'After the import, names, categories, budgets and units can be corrected here. Once an opened ballot lists a project it can no longer be edited (the record keeps it as it was). Every edit is in the audit log.',
  'candidates.seq': 'No.',
  'candidates.name': 'Project',
  'candidates.category': 'Category',
  'candidates.budget': 'Budget (× 10k yuan)',
  'candidates.lead': 'Lead unit',
  'candidates.cooperate': 'Cooperating units',
  'candidates.implement': 'Implementing units',
  'candidates.summary': 'Summary',
  'candidates.unitsHint': 'Separate several units with 、',
  'candidates.edit': 'Edit',
  'candidates.save': 'Save changes',
  'candidates.saved': 'Saved {name} ({n, plural, one {# change} other {# changes}})',
  'candidates.inUse': 'On a ballot',
  'candidates.none': 'No candidates yet: import the table under Import first.',
  'candidates.total': 'Total {sum} × 10k yuan',
};
