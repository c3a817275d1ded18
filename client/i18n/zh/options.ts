// The names of a paper's options (DESIGN §3: 赞成/反对/弃权; evaluation 满意/基本满意/不满意), in Chinese: one
// statement shared by the tablet's and the console's sections, which both show them.

export const optionsZh = {
  'option.for': '赞成',
  'option.against': '反对',
  'option.abstain': '弃权',
  'option.satisfied': '满意',
  'option.basically_satisfied': '基本满意',
  'option.dissatisfied': '不满意',
} as const;
