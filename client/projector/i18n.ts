import type { Locale } from '../lib/i18n.ts';

const zh = {
  'noToken': '缺少显示令牌。请在秘书处控制台“投影”中生成投影地址，并在此打开。',
  'rejected': '显示令牌无效或已撤销。请在秘书处控制台重新生成投影地址。',
  'connecting': '正在连接…',
  'offline': '连接中断，正在重连…',
  'att.seated': '应到',
  'att.present': '实到',
  'att.quorum': '法定人数',
  'att.unit': '人',
  'att.quorumMet': '符合法定人数',
  'att.quorumMissing': '不足法定人数',
  'ballot.voting': '正在投票',
  'turnout': '已投票 {voted} / 实到 {present}',
  'counting.title': '投票已结束',
  'counting.hint': '正在计票，请等待宣布结果',
  'results.chartTitle': '赞成票',
  'results.selectedMark': '当选',
  'results.tiedMark': '并列',
  'results.line': '通过线：超过 {votes} 票（{rule}）',
  'results.noLine': '按得票排序',
  'results.selectedTitle': '当选项目（{n} 个）',
  'results.finalTitle': '两轮合并当选项目（{n} 个）',
  'results.presidiumTitle': '当选项目（含主席团决定，{n} 个）',
  'results.total': '预算合计 {wan} 万元',
  'results.wan': '{wan} 万元',
  'results.papers': '应到 {seated} · 实到 {present} · 收回 {returned} · 有效 {valid} · 无效 {invalid}',
  'results.tie': '{names} 得票并列，争 {places} 个名额',
  'results.none': '无当选项目',
  'rule.seated-majority': '全体代表 {base} 人的半数',
  'rule.present-majority': '实到代表 {base} 人的半数',
  'rule.valid-majority': '有效票 {base} 张的半数',
  'eval.title': '测评结果',
  'option.satisfied': '满意',
  'option.basically_satisfied': '基本满意',
  'option.dissatisfied': '不满意',
} as const;

export type ProjectorKey = keyof typeof zh;

const en: Record<ProjectorKey, string> = {
  'noToken': 'No display token. Create a projector address in the secretariat console (Projector) and open it here.',
  'rejected': 'The display token is invalid or revoked. Create a new projector address in the secretariat console.',
  'connecting': 'Connecting…',
  'offline': 'Connection lost, reconnecting…',
  'att.seated': 'Seated',
  'att.present': 'Present',
  'att.quorum': 'Quorum',
  'att.unit': '',
  'att.quorumMet': 'Quorum met',
  'att.quorumMissing': 'No quorum',
  'ballot.voting': 'Voting',
  'turnout': '{voted} of {present} present have voted',
  'counting.title': 'Voting has closed',
  'counting.hint': 'Counting; please wait for the announcement',
  'results.chartTitle': 'Votes for',
  'results.selectedMark': 'Selected',
  'results.tiedMark': 'Tied',
  'results.line': 'Pass line: more than {votes} ({rule})',
  'results.noLine': 'Ranked by votes',
  'results.selectedTitle': 'Selected projects ({n})',
  'results.finalTitle': 'Selected over both rounds ({n})',
  'results.presidiumTitle': 'Selected, with the presidium’s decision ({n})',
  'results.total': 'Budget in all: {wan} × 10k yuan',
  'results.wan': '{wan} × 10k yuan',
  'results.papers': 'Seated {seated} · present {present} · returned {returned} · valid {valid} · invalid {invalid}',
  'results.tie': '{names} are tied for {places} place(s)',
  'results.none': 'Nothing selected',
  'rule.seated-majority': 'half of {base} seated deputies',
  'rule.present-majority': 'half of {base} deputies present',
  'rule.valid-majority': 'half of {base} valid papers',
  'eval.title': 'Evaluation results',
  'option.satisfied': 'Satisfied',
  'option.basically_satisfied': 'Fairly satisfied',
  'option.dissatisfied': 'Dissatisfied',
};

const CATALOGUES: Record<Locale, Record<ProjectorKey, string>> = { 'zh-CN': zh, en };

export function projectorText(locale: Locale, key: ProjectorKey, params?: Record<string, string | number>): string {
  const text = CATALOGUES[locale][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}
