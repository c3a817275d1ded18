// Draft ballot editing and the open/extend confirmations, in zh-CN; spread into the console's catalogue.

export const draftsZh = {
  'draft.edit': '编辑草稿',
  'draft.save': '保存修改',
  'draft.delete': '删除草稿',
  'draft.evaluationFixed': '测评草稿的项目和测评办法不能修改：如需修改，请删除草稿后重新创建测评。',
  'draft.deleteQuestion': '删除后不可恢复（审计日志保留记录）。',
  'ballot.openQuestion': '开始后规则和候选项目不能再修改，代表名单锁定至表决结束。',
  'ballot.extendQuestion': '将截止时间延长 {minutes} 分钟？',
  'ballot.extendConfirm': '确认延长',
  'promoted.some': '公布后，{n} 个项目已列入 {year} 年民生实事项目：',
  'promoted.none': '公布后没有新列入的民生实事项目。',
  'promoted.all': '查看 {year} 年全部项目 →',
} as const;
