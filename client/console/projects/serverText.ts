// The project API's usual refusals in Chinese (the console's own table, ../i18n.ts, holds the common ones).
const PROJECT_ZH: [RegExp, string][] = [
  [/^must not be negative$/, '不能为负数'],
  [/^(\d{4}-\d{2}-\d{2}) is in the future \(today is (\d{4}-\d{2}-\d{2})\)$/, '$1 晚于今天（$2）'],
  [/^(\d{4}-\d{2}-\d{2}) is before (\d{4}), the project's year$/, '$1 早于项目年度 $2 年'],
  [/^below the (.+) 万元 reported on (.+); spending to date is cumulative$/, '低于 $2 填报的 $1 万元；累计支出只增不减'],
  [/^above the (.+) 万元 reported later, on (.+); spending to date is cumulative$/, '高于其后 $2 填报的 $1 万元；累计支出只增不减'],
  [/^a milestone is listed twice$/, '节点重复'],
  [/^image\/jpeg, image\/png or image\/webp only$/, '只接受 JPEG、PNG 或 WebP 图片'],
  [/^the photo is larger than 2 MB$/, '照片超过 2 MB'],
  [/^no projects$/, '没有项目'],
  [/^a year such as 2023$/, '请填写年份，如 2023'],
];

/** A project refusal in the console's language; anything else goes to the console's own table (`fallback`). */
export function projectServerText(locale: string, message: string, fallback: (m: string) => string): string {
  if (locale === 'zh-CN') for (const [pattern, zh] of PROJECT_ZH) if (pattern.test(message)) return message.replace(pattern, zh);
  return fallback(message);
}
