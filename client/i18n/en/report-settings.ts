import type { reportSettingsZh } from '../zh/report-settings.ts';

// A year's completion report settings (issue 16) in English.
export const reportSettingsEn: Record<keyof typeof reportSettingsZh, string> = {
  'rs.open': 'Report settings',
  'rs.title': 'Completion report settings, {year}',
  'rs.hint': "The county named in the report's title, and the report's themes (the 一、二、 headings) with their projects in order. A project in no theme is listed under its category. Saving is recorded in the audit log.",
  'rs.back': 'Back to the {year} completion report',
  'rs.county': 'County',
  'rs.countyHint': 'E.g. 沁水县, used in the title; may be left empty.',
  'rs.themes': 'Themes',
  'rs.noThemes': 'No themes yet: the report groups projects by category.',
  'rs.themeName': 'Theme {n} heading',
  'rs.addProject': 'Add a project…',
  'rs.removeProject': 'Remove',
  'rs.up': 'Move up',
  'rs.down': 'Move down',
  'rs.themeUp': 'Move theme up',
  'rs.removeTheme': 'Delete theme',
  'rs.addTheme': 'Add a theme',
  'rs.unplaced': '{n, plural, one {# project is in no theme and is} other {# projects are in no theme and are}} listed by category.',
  'rs.save': 'Save settings',
  'rs.saved': 'Saved.',
};
