// The names of a paper's options (DESIGN §3: 赞成/反对/弃权; evaluation 满意/基本满意/不满意), in English: one
// statement shared by the tablet's and the console's sections, which both show them.

export const optionsEn = {
  'option.for': 'For',
  'option.against': 'Against',
  'option.abstain': 'Abstain',
  'option.satisfied': 'Satisfied',
  'option.basically_satisfied': 'Fairly satisfied',
  'option.dissatisfied': 'Dissatisfied',
} as const;
