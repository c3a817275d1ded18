// The screens' message catalogue: zh-CN first (the hall's language), English second. No library — a flat map
// of key → text with {name} placeholders is all the screens need.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const zh = {
  'app.title': '代表表决器',
  'lang.switch': 'English',
  'lang.switchLabel': '切换语言',
  'fullscreen': '全屏',

  'conn.connecting': '正在连接…',
  'conn.online': '已连接',
  'conn.offline': '网络中断，正在重连',

  'pair.title': '平板配对',
  'pair.prompt': '请输入工作人员提供的 8 位配对码',
  'pair.submit': '配对',
  'pair.clear': '清除',
  'pair.backspace': '退格',
  'pair.busy': '正在配对…',
  'pair.cancel': '返回',
  'pair.auto': '正在使用二维码中的配对码配对…',
  'pair.revoked': '此平板未配对或已被撤销，请重新配对。',

  'error.pairing_code_invalid': '配对码无效或已使用，请核对后重新输入，或请工作人员重新生成。',
  'error.rate_limited': '尝试次数过多，请稍后再试。',
  'error.invalid_input': '请输入 8 位数字配对码。',
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.unknown': '出现错误（{code}），请联系工作人员。',

  'deputy.seat': '座位 {seat}',
  'checkin.button': '签到',
  'checkin.done': '已签到',
  'checkin.not': '未签到',
  'checkin.busy': '正在签到…',
  'checkin.prompt': '请点击“签到”完成报到',
  'checkin.needed': '请先签到，签到后才能投票。',

  'waiting.title': '请等待表决开始',
  'waiting.hint': '表决开始后，选票会自动显示在这里。',
  'waiting.closed': '表决已结束',
  'waiting.closedTitle': '“{title}”表决已结束',
  'waiting.closedReceipt': '您的选票已计入，回执编号 {paperId}',
  'waiting.connecting': '正在连接服务器…',

  'ballot.countdown': '剩余时间',
  'ballot.timeUp': '表决时间已到',
  'ballot.approvals': '已赞成 {n}/{max}',
  'ballot.marked': '已表态 {n}/{total}',
  'ballot.cap': '最多赞成 {max} 项，请先取消一项',
  'ballot.seats': '从 {total} 个候选项目中选出 {seats} 个',
  'ballot.blankAbstain': '未表态的项目按弃权计算',
  'ballot.blankInvalid': '每个项目都必须表态',
  'ballot.review': '核对选票',
  'ballot.mustMarkAll': '还有 {n} 个项目未表态，请全部表态后再核对',
  'ballot.budget': '{amount} 万元',
  'ballot.noBudget': '预算待定',
  'ballot.annualTask': '年度工作任务',
  'ballot.plan': '推进计划',
  'ballot.planPeriod': '时间',
  'ballot.planAmount': '金额（万元）',
  'ballot.planText': '内容',
  'ballot.cancelHint': '再次点击已选按钮可取消',

  'option.for': '赞成',
  'option.against': '反对',
  'option.abstain': '弃权',
  'option.satisfied': '满意',
  'option.basically_satisfied': '基本满意',
  'option.dissatisfied': '不满意',
  'option.unmarked': '未表态',

  'review.title': '核对选票',
  'review.hint': '请核对您的选择。确认提交后选票不可更改。',
  'review.unmarkedAbstain': '以下 {n} 个项目未表态，将按弃权计算',
  'review.none': '（无）',
  'review.back': '返回修改',
  'review.confirm': '确认提交',
  'review.count': '{n} 项',

  'sending.title': '正在提交选票…',
  'sending.offline': '网络中断。选票已保存在本机，恢复连接后会自动重新提交，请勿关闭。',
  'sending.hint': '请稍候，收到服务器回执后即完成投票。',

  'receipt.title': '已投票',
  'receipt.hint': '您的选票已被服务器确认并保存，不可更改。',
  'receipt.paperId': '选票编号',
  'receipt.digest': '校验码（前 16 位）',
  'receipt.explain': '表决结束后公布的选票清单中，可按此编号找到您的选票，并核对校验码。',
  'receipt.verified': '本机已核验：回执与您提交的选择一致。',
  'receipt.mismatch': '警告：回执校验码与本机提交的选择不一致，请立即联系工作人员。',
  'receipt.elsewhere': '服务器已记录您在本表决中的选票。',
  'receipt.elsewhereHint': '本机没有这张选票的回执（可能在另一台设备或清除数据前提交）。',

  'problem.already_voted': '服务器上已有您在本表决中的另一张选票，本次提交未被接受。',
  'problem.already_votedHint': '一位代表只能投一张选票。如有疑问，请联系工作人员。',
  'problem.ballot_not_open': '表决已结束，本次选票未被接受。',
  'problem.ballot_not_openHint': '选票在表决结束前没有送达服务器。如有疑问，请联系工作人员。',
  'problem.ballot_not_open_uncertain': '表决已结束，服务器没有确认这张选票。',
  'problem.ballot_not_open_uncertainHint': '选票在结束前已发出，但回执未能送达本机，无法确定是否已计入。请联系工作人员核实。',
  'problem.not_checked_in': '请先签到，再提交选票。',
  'problem.other': '选票未被接受：{message}',

} as const;

export type MessageKey = keyof typeof zh;
export type Catalogue = Record<MessageKey, string>;

const en: Catalogue = {
  'app.title': 'Deputy voting tablet',
  'lang.switch': '中文',
  'lang.switchLabel': 'Switch language',
  'fullscreen': 'Full screen',

  'conn.connecting': 'Connecting…',
  'conn.online': 'Online',
  'conn.offline': 'Offline, reconnecting',

  'pair.title': 'Pair this tablet',
  'pair.prompt': 'Enter the 8-digit pairing code from the secretariat',
  'pair.submit': 'Pair',
  'pair.clear': 'Clear',
  'pair.backspace': 'Delete',
  'pair.busy': 'Pairing…',
  'pair.cancel': 'Back',
  'pair.auto': 'Pairing with the code from the QR code…',
  'pair.revoked': 'This tablet is not paired or was revoked. Please pair it again.',

  'error.pairing_code_invalid': 'The pairing code is wrong or already used. Check it, or ask the secretariat for a new one.',
  'error.rate_limited': 'Too many attempts. Please wait a moment.',
  'error.invalid_input': 'Enter the 8-digit pairing code.',
  'error.network': 'Cannot reach the server. Check the network and try again.',
  'error.unknown': 'Something went wrong ({code}). Please ask the secretariat.',

  'deputy.seat': 'Seat {seat}',
  'checkin.button': 'Check in',
  'checkin.done': 'Checked in',
  'checkin.not': 'Not checked in',
  'checkin.busy': 'Checking in…',
  'checkin.prompt': 'Press “Check in” to register your attendance',
  'checkin.needed': 'Please check in first; you can vote after checking in.',

  'waiting.title': 'Please wait for the vote to begin',
  'waiting.hint': 'The ballot will appear here when voting opens.',
  'waiting.closed': 'Voting has closed',
  'waiting.closedTitle': 'Voting on “{title}” has closed',
  'waiting.closedReceipt': 'Your paper was counted, receipt {paperId}',
  'waiting.connecting': 'Connecting to the server…',

  'ballot.countdown': 'Time left',
  'ballot.timeUp': 'Time is up',
  'ballot.approvals': 'In favour {n}/{max}',
  'ballot.marked': 'Marked {n}/{total}',
  'ballot.cap': 'At most {max} in favour. Cancel one first.',
  'ballot.seats': 'Choose {seats} of {total} candidate projects',
  'ballot.blankAbstain': 'A project left unmarked counts as an abstention',
  'ballot.blankInvalid': 'Every project must be marked',
  'ballot.review': 'Review',
  'ballot.mustMarkAll': '{n} projects are not marked yet. Mark every project before reviewing.',
  'ballot.budget': '{amount} × 10k yuan',
  'ballot.noBudget': 'Budget to be set',
  'ballot.annualTask': 'Tasks for the year',
  'ballot.plan': 'Plan',
  'ballot.planPeriod': 'When',
  'ballot.planAmount': 'Amount (10k yuan)',
  'ballot.planText': 'What',
  'ballot.cancelHint': 'Press a chosen button again to cancel it',

  'option.for': 'For',
  'option.against': 'Against',
  'option.abstain': 'Abstain',
  'option.satisfied': 'Satisfied',
  'option.basically_satisfied': 'Fairly satisfied',
  'option.dissatisfied': 'Dissatisfied',
  'option.unmarked': 'Not marked',

  'review.title': 'Review your paper',
  'review.hint': 'Check your choices. Once submitted, the paper cannot be changed.',
  'review.unmarkedAbstain': 'These {n} projects are not marked and count as abstentions',
  'review.none': '(none)',
  'review.back': 'Go back and change',
  'review.confirm': 'Submit',
  'review.count': '{n}',

  'sending.title': 'Submitting your paper…',
  'sending.offline': 'The network is down. Your paper is saved on this tablet and will be resent when the connection returns. Do not close this screen.',
  'sending.hint': 'Please wait for the server’s receipt.',

  'receipt.title': 'Voted',
  'receipt.hint': 'The server has confirmed and stored your paper. It cannot be changed.',
  'receipt.paperId': 'Paper id',
  'receipt.digest': 'Check code (first 16)',
  'receipt.explain': 'Find your paper by this id in the paper list published after the vote, and compare the check code.',
  'receipt.verified': 'Checked on this tablet: the receipt matches your choices.',
  'receipt.mismatch': 'Warning: the receipt does not match the choices submitted here. Tell the secretariat now.',
  'receipt.elsewhere': 'The server has your paper for this vote.',
  'receipt.elsewhereHint': 'This tablet has no receipt for it (submitted from another device, or before the data was cleared).',

  'problem.already_voted': 'The server already has a different paper from you for this vote. This one was not accepted.',
  'problem.already_votedHint': 'Each deputy has one paper. If in doubt, ask the secretariat.',
  'problem.ballot_not_open': 'Voting has closed. This paper was not accepted.',
  'problem.ballot_not_openHint': 'The paper did not reach the server before the vote closed. If in doubt, ask the secretariat.',
  'problem.ballot_not_open_uncertain': 'Voting has closed and the server did not confirm this paper.',
  'problem.ballot_not_open_uncertainHint': 'The paper was sent before the close but its receipt never reached this tablet, so whether it counted is unknown here. Please ask the secretariat to check.',
  'problem.not_checked_in': 'Please check in before submitting your paper.',
  'problem.other': 'The paper was not accepted: {message}',

};

const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zh, en };

export type Params = Record<string, string | number>;

/** The text for `key` in `locale`, with {name} placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = CATALOGUES[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A message key for an error code from the server, when there is a specific one. */
export function errorKey(code: string): MessageKey | null {
  const key = `error.${code}`;
  return key in zh ? (key as MessageKey) : null;
}
