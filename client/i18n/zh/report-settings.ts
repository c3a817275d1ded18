// 报告设置: a year's completion report settings (issue 16) in zh-CN; spread into the console's catalogue (./console.ts).

export const reportSettingsZh = {
  'rs.open': '报告设置',
  'rs.title': '{year} 年完成情况报告设置',
  'rs.hint': '报告标题中的县名，以及报告正文的分类标题（一、二、……）和各类所含项目的顺序。未归入任何分类的项目按项目类别列出。保存即记入审计日志。',
  'rs.back': '返回 {year} 年完成情况报告',
  'rs.county': '县（市、区）名称',
  'rs.countyHint': '如“沁水县”，用于报告标题；可留空。',
  'rs.themes': '分类标题',
  'rs.noThemes': '尚未设置分类：报告按项目类别分组。',
  'rs.themeName': '第 {n} 类标题',
  'rs.addProject': '加入项目…',
  'rs.removeProject': '移出',
  'rs.up': '上移',
  'rs.down': '下移',
  'rs.themeUp': '分类上移',
  'rs.removeTheme': '删除分类',
  'rs.addTheme': '新增分类',
  'rs.unplaced': '{n} 个项目未归入分类，按项目类别列出。',
  'rs.save': '保存设置',
  'rs.saved': '已保存。',
} as const;
