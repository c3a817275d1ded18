import { expect, it } from 'vitest';
import { errorKey, translate } from './i18n.ts';

it('speaks Chinese first, English second, and fills placeholders', () => {
  expect(translate('zh-CN', 'ballot.approvals', { n: 7, max: 10 })).toBe('已赞成 7/10');
  expect(translate('en', 'ballot.approvals', { n: 7, max: 10 })).toBe('In favour 7/10');
  expect(translate('zh-CN', 'ballot.cap', { max: 10 })).toBe('最多赞成 10 项，请先取消一项');
  expect(translate('zh-CN', 'ballot.cap')).toContain('{max}');
});

it('maps the server error codes it knows', () => {
  expect(errorKey('pairing_code_invalid')).toBe('error.pairing_code_invalid');
  expect(translate('zh-CN', errorKey('pairing_code_invalid')!)).toContain('配对码无效或已使用');
  expect(errorKey('no_such_code')).toBeNull();
});
