import type { ErrorCode } from '../../../shared/errors.ts';
import type { IssueCode } from '../../../shared/issues.ts';

// The server's refusals in zh-CN, by stable code (shared/errors.ts, shared/issues.ts) — never by their English
// text. `{message}` is the server's own sentence, for codes whose meaning lies in it (a conflict names its cause).

const errorZh = {
  'error.malformed_json': '请求格式错误（不是有效的 JSON）',
  'error.invalid_input': '输入有误：{message}',
  'error.unauthenticated': '请先登录',
  'error.forbidden': '当前账号无此权限',
  'error.not_found': '找不到该对象（{message}）',
  'error.conflict': '{message}',
  'error.import_problems': '导入内容有问题：{message}',
  'error.no_quorum': '出席代表不足法定人数',
  'error.ballot_not_open': '表决未在进行中',
  'error.ballot_not_closed': '表决尚未结束',
  'error.ballot_state': '表决当前状态不允许此操作：{message}',
  'error.not_checked_in': '代表尚未签到',
  'error.already_voted': '代表已投票',
  'error.paper_conflict': '选票与已收到的选票不一致',
  'error.sealed_paper_required': '无记名投票须提交密封选票，请刷新表决器后重新确认',
  'error.bad_envelope': '密封选票与本次表决不符，请刷新表决器后重新确认',
  'error.wrong_key': '恢复单与此表决的密钥不符',
  'error.opening_pending': '选票尚未启封：请监票人录入恢复单',
  'error.not_on_roster': '不在本会议代表名单中',
  'error.pairing_code_invalid': '配对码无效或已使用',
  'error.rate_limited': '尝试次数过多，请稍后再试',
  'error.payload_too_large': '提交的内容过大',
  'error.unsupported_media_type': '不支持的内容类型',
  'error.message_too_large': '消息过大',
  'error.malformed_frame': '消息格式错误（不是有效的 UTF-8 文本）',
  'error.internal': '服务器内部错误',
  'error.network': '无法连接服务器，请检查网络后重试',
  'error.http': '服务器返回错误（HTTP {status}）',
} as const satisfies Record<`error.${ErrorCode}` | 'error.network' | 'error.http', string>;

const issueZh = {
  'issue.required': '不能为空',
  'issue.min_chars': '至少 {min} 个字符',
  'issue.max_chars': '至多 {max} 个字符',
  'issue.min_number': '不能小于 {min}',
  'issue.max_number': '不能大于 {max}',
  'issue.negative': '不能为负数',
  'issue.not_a_number': '请填写数字',
  'issue.date': '请按 YYYY-MM-DD 填写有效日期',
  'issue.year': '请填写年份，如 2023',
  'issue.min_seconds': '至少 {min} 秒',
  'issue.max_extension': '每次至多延长 1 小时',
  'issue.min_candidates': '至少选择一个候选项目',
  'issue.unknown_candidate': '不是本会议的候选项目',
  'issue.listed_twice': '重复选择',
  'issue.seats_over_candidates': '名额多于候选项目数（{n}）',
  'issue.not_tied': '不是并列项目',
  'issue.tie_count': '请从并列项目中恰好选择 {n} 个',
  'issue.csv_empty': 'CSV 内容为空',
  'issue.missing_column': '缺少此列',
  'issue.seat_twice': '座位号 {seat} 与第 {row} 行重复',
  'issue.date_future': '{date} 晚于今天（{today}）',
  'issue.date_before_year': '{date} 早于项目年度 {year} 年',
  'issue.spent_below': '低于 {date} 填报的 {spent} 万元；累计支出只增不减',
  'issue.spent_above': '高于其后 {date} 填报的 {spent} 万元；累计支出只增不减',
  'issue.milestone_twice': '节点重复',
  'issue.photo_type': '只接受 JPEG、PNG 或 WebP 图片',
  'issue.photo_too_large': '照片超过 2 MB',
  'issue.no_projects': '没有项目',
} as const satisfies Record<`issue.${IssueCode}`, string>;

export const serverZh = { ...errorZh, ...issueZh } as const;
