import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.ts';
import { DUPLICATE_AGAINST, DUPLICATE_CODES, DUPLICATE_MATCHES, ISSUE_CODES, issueTextKey } from '../../shared/issues.ts';
import { CATALOGUES, LOCALES, scoped, translate } from './catalogue.ts';
import { errorText, issueText } from './server-error.ts';

// {name}, and the argument of a plural choice ({n, plural, …}); each name once, however often a text uses it.
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?:\}|,\s*plural\s*,)/g)].map((m) => m[1]))].sort();

describe('one catalogue per locale', () => {
  it('every locale has exactly zh-CN’s sections and keys, each with the same placeholders', () => {
    const zh = CATALOGUES['zh-CN'];
    for (const locale of LOCALES) {
      const cat = CATALOGUES[locale];
      expect(Object.keys(cat).sort()).toEqual(Object.keys(zh).sort());
      for (const [section, texts] of Object.entries(zh)) {
        const other = cat[section as keyof typeof cat] as Record<string, string>;
        expect(Object.keys(other).sort(), `${locale} ${section}`).toEqual(Object.keys(texts).sort());
        for (const [key, text] of Object.entries(texts as Record<string, string>)) {
          expect(typeof other[key], `${locale} ${section}.${key}`).toBe('string'); // may be '' (projector.att.unit: no word for 人 in English)
          expect(placeholders(other[key]!), `${locale} ${section}.${key}`).toEqual(placeholders(text));
        }
      }
    }
  });

  it('speaks Chinese first, English second, and fills placeholders', () => {
    expect(translate('zh-CN', 'tablet.ballot.approvals', { n: 7, max: 10 })).toBe('已赞成 7/10');
    expect(translate('en', 'tablet.ballot.approvals', { n: 7, max: 10 })).toBe('For 7/10');
    expect(translate('zh-CN', 'tablet.ballot.cap', { max: 10 })).toBe('最多赞成 10 项，请先取消一项');
    expect(translate('zh-CN', 'tablet.ballot.cap')).toContain('{max}');
    expect(scoped('en', 'console')('loading')).toBe('Loading…');
    expect(scoped('zh-CN', 'projector')('results.selectedTitle', { n: 10 })).toBe('当选项目（10 个）');
  });

  it('has a text for every server error code and every issue code, in every locale', () => {
    for (const locale of LOCALES) {
      const server = CATALOGUES[locale].server as Record<string, string>;
      for (const code of ERROR_CODES) expect(server[`error.${code}`], code).toBeTruthy();
      // A duplicate's text is chosen by what matched and against what: one sentence for each (issueTextKey).
      for (const code of ISSUE_CODES) {
        const keys = (DUPLICATE_CODES as readonly string[]).includes(code)
          ? DUPLICATE_MATCHES.flatMap((by) => DUPLICATE_AGAINST.map((against) => issueTextKey(code, { matchedBy: by, against })))
          : [issueTextKey(code)];
        for (const key of keys) expect(server[key], key).toBeTruthy();
      }
    }
  });
});

describe('server refusals are said by their stable code', () => {
  it('a coded issue by its code and params, whatever the English says', () => {
    const issue = { message: 'anything at all', code: 'seat_twice' as const, params: { seat: '3-12', row: 4 } };
    expect(issueText('zh-CN', issue)).toBe('座位号 3-12 与第 4 行重复');
    expect(issueText('en', issue)).toBe('seat 3-12 is also given on row 4');
    expect(issueText('zh-CN', { message: 'an uncoded problem' })).toBe('an uncoded problem');
  });

  it('an error by its first coded issue, else by its code', () => {
    expect(errorText('zh-CN', { code: 'forbidden', message: 'your role does not allow this' })).toBe('当前账号无此权限');
    expect(errorText('zh-CN', { code: 'invalid_input', message: 'x', issues: [{ path: 'name', message: 'x', code: 'required' }] })).toBe('不能为空');
    expect(errorText('zh-CN', { code: 'conflict', message: 'seat 1 is taken by 张三' })).toBe('seat 1 is taken by 张三');
    expect(errorText('zh-CN', { code: 'network', message: 'Failed to fetch' })).toBe('无法连接服务器，请检查网络后重试');
    expect(errorText('zh-CN', { code: 'internal', status: 502, message: 'HTTP 502' })).toBe('服务器返回错误（HTTP 502）');
    // An answer outside its route's schema (client/console/api.ts): a sentence in the screen's language, not zod's English.
    expect(errorText('zh-CN', { code: 'bad_response', status: 200, message: 'GET /api/meetings: meetings.0.id: Invalid input' })).toBe('服务器的答复不合约定格式，无法显示。请刷新页面；如仍出现，请联系技术人员');
    expect(errorText('en', { code: 'bad_response', status: 200, message: 'GET /api/meetings: x' })).toBe('The server’s answer is not in the agreed shape and cannot be shown. Reload the page; if it happens again, call the technician');
    expect(errorText('en', { code: 'some_future_code', message: 'as the server said' })).toBe('as the server said');
  });
});
