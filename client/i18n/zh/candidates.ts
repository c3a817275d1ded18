// The 候选项目 screen (issue 13), in zh-CN; spread into the console's catalogue.

export const candidatesZh = {
  'tabs.candidates': '候选项目',
  'candidates.title': '候选项目（{n} 项）',
  'candidates.hint': '导入后可在此修改项目名称、类别、预算和单位。某项目一旦列入已开始的表决，就不能再修改（表决记录按当时的内容保存）。所有修改记入审计日志。',
  'candidates.seq': '序号',
  'candidates.name': '项目名称',
  'candidates.category': '类别',
  'candidates.budget': '预算（万元）',
  'candidates.lead': '牵头单位',
  'candidates.cooperate': '配合单位',
  'candidates.implement': '实施单位',
  'candidates.summary': '项目概况',
  'candidates.unitsHint': '多个单位用顿号“、”分隔',
  'candidates.edit': '修改',
  'candidates.save': '保存修改',
  'candidates.saved': '已保存 {name}（改动 {n} 处）',
  'candidates.inUse': '已列入表决',
  'candidates.none': '还没有候选项目，请先在“导入”中导入附件表。',
  'candidates.total': '合计 {sum} 万元',
} as const;
