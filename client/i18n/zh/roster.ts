// The roster's 在册 action on the check-in screen, in zh-CN; spread into the console's catalogue.

export const rosterZh = {
  'roster.unseat': '标记为不在册',
  'roster.unseatQuestion': '{name} 将不再计入应到人数。',
} as const;
