import { consoleZh as zh } from '../../client/i18n/zh/console.ts';

// The printed reports' own wording (the console's zh-CN texts), so that a .docx or .xlsx reads exactly like the
// page the secretariat prints. One source: a change to a label in the console changes the exports with it.

export type WordingKey = keyof typeof zh;

/**
 * The zh-CN text for `key` with `{name}` placeholders filled from `vars` (the console's t() rule). A placeholder
 * without a value stays as written, which a test would see.
 */
export function w(key: WordingKey, vars: Record<string, string | number> = {}): string {
  return zh[key].replace(/\{(\w+)\}/g, (whole: string, name: string) => (name in vars ? String(vars[name]) : whole));
}
