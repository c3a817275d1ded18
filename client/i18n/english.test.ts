import { describe, expect, it } from 'vitest';
import { formatWan as publicWan } from '../public/format.ts';
import { CATALOGUES, fill, pluralCategory, translate, type MessageKey } from './catalogue.ts';
import { wanNumber, wanText } from './money.ts';

// Issue 19, step 5: one English across the four screens — one style for money, the same word for the same thing,
// proper plurals, no Chinese left in English texts (except where the text names something Chinese on purpose).

const english = Object.entries(CATALOGUES.en).flatMap(([section, texts]) =>
  Object.entries(texts as Record<string, string>).map(([key, text]) => ({ key: `${section}.${key}`, text })),
);

/** English texts that show Chinese on purpose, and why. */
const CHINESE_ON_PURPOSE: Record<string, string> = {
  'tablet.lang.switch': 'the other language named in itself',
  'public.lang.switch': 'the other language named in itself',
  'public.lang.label': 'the other language named in itself',
  'console.import.candidatesHint': '附件: the Chinese heading of the table the secretariat is told to pick',
  'console.candidates.unitsHint': '、 is the separator to type',
  'server.issue.amount_unreadable': 'amounts as the Chinese spreadsheet writes them (1000万元, 1.2亿元)',
  'console.rs.hint': 'the 一、二、 headings as the Chinese report prints them',
  'console.rs.countyHint': 'an example of the county name, typed in Chinese for the Chinese report',
};

describe('the English catalogue', () => {
  it('has no Chinese except where a text names something Chinese on purpose', () => {
    const cjk = english.filter(({ key, text }) => /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(text) && !(key in CHINESE_ON_PURPOSE));
    expect(cjk).toEqual([]);
  });

  it('writes money one way: amounts in 万元 as "× 10k yuan", never "million", "万元" or a bare "10k yuan"', () => {
    for (const { key, text } of english) {
      if (key === 'server.issue.amount_unreadable') continue;
      expect(text, key).not.toMatch(/万元|million|\byuan\b(?<!× 10k yuan)/);
      expect(text.replace(/× 10k yuan/g, ''), key).not.toMatch(/10k|yuan/);
    }
    // Every amount with a unit on the four screens comes through these, and all say it the same way.
    expect(wanText('en', 10675)).toBe('10,675\u00a0× 10k yuan');
    expect(wanText('en', 1234567.891)).toBe('1,234,567.89\u00a0× 10k yuan');
    expect(publicWan('en', 26700)).toBe(wanText('en', 26700));
    expect(translate('en', 'tablet.ballot.budget', { amount: wanNumber(1200) })).toBe('1,200 × 10k yuan');
    expect(translate('en', 'projector.results.wan', { wan: wanNumber(1200) })).toBe('1,200 × 10k yuan');
    expect(`${wanNumber(1200)} ${translate('en', 'console.unit.wan')}`).toBe('1,200 × 10k yuan');
    // Chinese keeps its own forms: grouped on the console and projector, as the county writes on the public page.
    expect(wanText('zh-CN', 26700)).toBe('26,700\u00a0万元');
    expect(publicWan('zh-CN', 26700)).toBe('26700\u00a0万元');
  });

  it('uses one word for one thing on every screen', () => {
    const en = (key: MessageKey) => translate('en', key);
    // The three options: the tablet's buttons, the console, the paper sheet and the public ballot box.
    for (const [option, word] of [['for', 'For'], ['against', 'Against'], ['abstain', 'Abstain']] as const) {
      for (const key of [`tablet.option.${option}`, `console.option.${option}`, `console.paper.${option}`, `public.box.option.${option}`] as MessageKey[]) expect(en(key), key).toBe(word);
    }
    for (const key of ['tablet.option.basically_satisfied', 'projector.option.basically_satisfied', 'public.rating.basically_satisfied', 'public.box.option.basically_satisfied'] as MessageKey[]) {
      expect(en(key), key).toBe('Fairly satisfied');
    }
    // Words the screens used to disagree on: "in favour" beside buttons labelled "For"; "threshold" on the console
    // for the projector's "pass line"; "basically satisfied" for "fairly satisfied"; "delegate" for deputy.
    for (const { key, text } of english) expect(text, key).not.toMatch(/in favour|threshold|basically satisfied|\bdelegates?\b|′/i);
    expect(en('console.ballot.form.threshold')).toBe('Pass line');
    expect(translate('en', 'projector.results.line', { votes: 90, rule: 'x' })).toMatch(/^Pass line/);
  });

  it('has proper plurals: no "(s)", and a counted noun goes through a plural choice', () => {
    for (const { key, text } of english) {
      expect(text, key).not.toContain('(s)');
      // "{n} deputies" would read "1 deputies": a count before a noun is a plural choice instead.
      expect(text, key).not.toMatch(/\{(?!year\})\w+\} (deput|candidate|project|paper|problem|cell|row|event|place|code|session|change|milestone|minute|second|character|column|opinion|photo|theme)/);
    }
    expect(translate('en', 'console.import.savedRoster', { n: 1 })).toBe('Saved 1 deputy.');
    expect(translate('en', 'console.import.savedRoster', { n: 2 })).toBe('Saved 2 deputies.');
    expect(translate('en', 'console.import.savedRoster', { n: 0 })).toBe('Saved 0 deputies.');
    expect(translate('en', 'public.sv.deputies', { n: 1 })).toBe('1 deputy took part');
    expect(translate('en', 'console.tie.createRunoff', { n: 3, places: 1 })).toBe('Create the run-off (3 candidates for 1 place)');
    expect(translate('en', 'tablet.review.unmarkedAbstain', { n: 1 })).toBe('This project is not marked and counts as an abstention');
    expect(translate('en', 'tablet.review.unmarkedAbstain', { n: 4 })).toBe('These 4 projects are not marked and count as abstentions');
    expect(translate('zh-CN', 'tablet.review.unmarkedAbstain', { n: 1 })).toBe('以下 1 个项目未表态，将按弃权计算');
  });

  it('the plural helper: CLDR categories, exact cases, other placeholders inside, and a missing value left as written', () => {
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('en', 0)).toBe('other');
    expect(pluralCategory('en', 2)).toBe('other');
    expect(pluralCategory('zh-CN', 1)).toBe('other');
    const text = '{n, plural, =0 {nobody} one {# deputy of {team}} other {# deputies of {team}}}';
    expect(fill(text, { n: 0, team: 'A' })).toBe('nobody');
    expect(fill(text, { n: 1, team: 'A' })).toBe('1 deputy of A');
    expect(fill(text, { n: 21, team: 'A' })).toBe('21 deputies of A');
    expect(fill(text, { team: 'A' })).toBe('{n, plural, =0 {nobody} one {# deputy of A} other {# deputies of A}}');
  });

  it('names the roles as labels, capitalised like every other option and cell (not as lower-case codes)', () => {
    const roles = english.filter(({ key }) => key.startsWith('console.role.'));
    expect(roles.map(({ key }) => key).sort()).toEqual(['console.role.admin', 'console.role.operator', 'console.role.scrutineer', 'console.role.unit']);
    for (const { key, text } of roles) expect(text, key).toMatch(/^[A-Z][a-z]/);
  });

  it('gives every screen an English page title', () => {
    for (const key of ['tablet.app.title', 'console.app.title', 'projector.app.title', 'public.title'] as MessageKey[]) {
      expect(translate('en', key), key).toMatch(/^[\x20-\x7e\u00b7’]+$/);
      expect(translate('zh-CN', key), key).not.toBe(translate('en', key));
    }
  });
});
