import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';

// The four screens' pages as Vite builds them (vite.config.ts, whose screenShell plugin writes what every page has
// in common): each keeps its charset first in the head, the viewport, its language, title and own meta tags, the
// #app the screen renders into and its one module script — as each index.html stated them before the plugin.
const ROOT = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'piaojue-pages-'));

/** What one page must carry besides the common shell, in order of appearance in its head (or body). */
const PAGES: Record<string, { title: string; head: string[]; body: string[] }> = {
  console: { title: '票决 · 秘书处控制台', head: [], body: [] },
  tablet: {
    title: '票决 · 代表表决器',
    head: ['<meta name="mobile-web-app-capable" content="yes"', '<meta name="apple-mobile-web-app-capable" content="yes"', '<meta name="theme-color" content="#0f2747"'],
    body: [],
  },
  projector: { title: '票决 · 投影', head: [], body: [] },
  public: {
    title: '民生实事项目进展公开',
    head: ['<meta name="theme-color" content="#0b3d91"', '<meta name="description" content="民生实事项目进展公开：项目清单、推进节点、资金投入、进度报告与满意度测评。"'],
    body: ['<noscript>请启用 JavaScript 以查看民生实事项目进展。</noscript>'],
  },
};

/** Each needle found in `text` after the one before it (-1 when one is missing or out of order). */
function inOrder(text: string, needles: string[]): number {
  let at = 0;
  for (const n of needles) {
    const i = text.indexOf(n, at);
    if (i < 0) return -1;
    at = i + n.length;
  }
  return at;
}

describe('the built pages of the four screens', () => {
  beforeAll(async () => {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(Object.keys(PAGES))('%s: charset first, viewport, title and its own tags; #app then its script', (screen) => {
    const want = PAGES[screen]!;
    const html = readFileSync(join(out, screen, 'index.html'), 'utf8');
    const [head = '', body = ''] = html.split('</head>');
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    // The charset is the head's first element (browsers look for it in the first 1024 bytes).
    expect(head.replace(/\s+/g, ' ')).toMatch(/^<!doctype html> <html lang="zh-CN"> <head> <meta charset="utf-8" \/> <meta name="viewport" content="width=device-width, initial-scale=1" \/>/);
    expect(html.indexOf('<meta charset="utf-8"')).toBeLessThan(1024);
    expect(head.match(/<meta charset=/g)).toHaveLength(1);
    expect(head.match(/<meta name="viewport"/g)).toHaveLength(1);
    expect(inOrder(head, [...want.head, `<title>${want.title}</title>`])).toBeGreaterThan(0);
    // One module script (Vite bundles ./main.tsx into /assets/<screen>-*.js); nothing left pointing at the source.
    expect(html.match(/<script type="module"[^>]*src="\/assets\/[^"]+\.js"/g)).toHaveLength(1);
    expect(html).not.toContain('main.tsx');
    expect(body.match(/<div id="app"><\/div>/g)).toHaveLength(1);
    expect(inOrder(body, ['<body>', '<div id="app"></div>', ...want.body, '</body>'])).toBeGreaterThan(0);
  });
});
