import type { Locale } from '../lib/i18n.ts';
import { en } from './messages.en.ts';
import { zh, type ConsoleKey } from './messages.zh.ts';

export type { ConsoleKey };

// The console's texts: zh-CN first, English second. The locale itself (and its toggle) is the shared one from
// client/components/i18n.tsx, so a laptop that switched once stays switched on every screen.

const CATALOGUES: Record<Locale, Record<ConsoleKey, string>> = { 'zh-CN': zh, en };

export function consoleText(locale: Locale, key: ConsoleKey, params?: Record<string, string | number>): string {
  const text = CATALOGUES[locale][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

// The server explains refusals in English (stable codes are for programs). The usual ones, in Chinese.
const SERVER_ZH: [RegExp, string][] = [
  [/^must not be empty$/, '不能为空'],
  [/^missing column$/, '缺少此列'],
  [/^at most (\d+) characters$/, '至多 $1 个字符'],
  [/^Too big: expected string to have <=(\d+) characters$/, '至多 $1 个字符'],
  [/^Too small: expected string to have >=(\d+) characters$/, '至少 $1 个字符'],
  [/^at least (\d+) seconds$/, '至少 $1 秒'],
  [/^at most one hour at a time$/, '每次至多延长 1 小时'],
  [/^a date as YYYY-MM-DD$/, '请按 YYYY-MM-DD 填写有效日期'],
  [/^more places than candidates \((\d+)\)$/, '名额多于候选项目数（$1）'],
  [/^unknown candidate$/, '不是本会议的候选项目'],
  [/^listed twice$/, '重复选择'],
  [/^at least one candidate$/, '至少选择一个候选项目'],
  [/^choose exactly (\d+) of the tied candidates$/, '请从并列项目中恰好选择 $1 个'],
  [/^not one of the tied candidates$/, '不是并列项目'],
  [/^the CSV is empty$/, 'CSV 内容为空'],
  [/^seat (.+) is also given on row (\d+)$/, '座位号 $1 与第 $2 行重复'],
  [/^Too small: expected number to be >=(\d+)$/, '不能小于 $1'],
  [/^Too big: expected number to be <=(\d+)$/, '不能大于 $1'],
  [/^Invalid input: expected number, received NaN$/, '请填写数字'],
  [/^wrong username or password$/, '用户名或密码错误'],
  [/^sign in first$/, '请先登录'],
  [/^your role does not allow this$/, '当前账号无此权限'],
];

export function localizeServerMessage(locale: Locale, message: string): string {
  if (locale !== 'zh-CN') return message;
  for (const [pattern, zhText] of SERVER_ZH) if (pattern.test(message)) return message.replace(pattern, zhText);
  return message;
}
