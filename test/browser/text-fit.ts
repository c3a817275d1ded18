import type { Page } from 'playwright-core';

// Whether every piece of text on a screen can be read whole: measured in the real browser's layout, not guessed
// from CSS. Used by the projector's fit test (issue 19): the hall reads it from 20 m and cannot scroll.

/** One piece of text that leaves the screen, is cut off by a box, or is too small; `what` says which. */
export interface TextProblem {
  what: 'off-screen' | 'box-off-screen' | 'clipped' | 'overflowing' | 'overlapping' | 'small';
  /** The element holding the text: tag, classes and test id. */
  element: string;
  text: string;
  /** What was measured (px, CSS pixels of the viewport). */
  detail: string;
}

/** What `measureText` found: the problems, how many text pieces it looked at, and the smallest font (px). */
export interface TextFit {
  problems: TextProblem[];
  texts: number;
  minFontPx: number;
  /** Whether `ready` (a CSS selector) matched when measured, so a caller can tell it measured the state it meant. */
  ready: boolean;
}

/**
 * Measures every visible, non-blank text node of the page: each of its line boxes (Range client rects) must lie
 * inside the viewport and inside every ancestor that clips (overflow not visible), and each element holding text
 * directly must not overflow itself (scrollWidth ≤ clientWidth, 1 px tolerance, for non-inline boxes; and
 * scrollHeight ≤ clientHeight where the box clips). No two lines of text overlap, and every box on the page (text
 * or not: cards, bars) lies inside the viewport. Text whose font is below `minFontPx` is reported as 'small', except inside elements
 * matching `smallAllowed` (a CSS selector). Runs in one evaluate, so it measures one frame; `ready` says whether
 * the selector given matched in that frame.
 */
export async function measureText(page: Page, opts: { minFontPx: number; smallAllowed?: string; ready: string }): Promise<TextFit> {
  return page.evaluate(({ minFontPx, smallAllowed, ready }) => {
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const problems: TextProblem[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}`;
    const px = (n: number) => Math.round(n * 10) / 10;
    const rectText = (r: DOMRect) => `${px(r.left)},${px(r.top)} → ${px(r.right)},${px(r.bottom)}`;
    const holders = new Set<HTMLElement>();
    const lines: { el: HTMLElement; text: string; r: DOMRect }[] = [];
    let texts = 0;
    let minFont = Infinity;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue; // not rendered (display: none above it)
      texts++;
      holders.add(el);
      const font = parseFloat(style.fontSize);
      const mayBeSmall = smallAllowed ? el.closest(smallAllowed) !== null : false;
      if (!mayBeSmall) minFont = Math.min(minFont, font);
      if (!mayBeSmall && font < minFontPx) problems.push({ what: 'small', element: describe(el), text, detail: `${px(font)} px < ${minFontPx} px` });
      for (const r of rects) {
        lines.push({ el, text, r });
        if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) {
          problems.push({ what: 'off-screen', element: describe(el), text, detail: `${rectText(r)} outside ${vw}×${vh}` });
        }
      }
      for (let a: HTMLElement | null = el; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        const l = box.left + a.clientLeft;
        const t = box.top + a.clientTop;
        const clip = { left: l, top: t, right: l + a.clientWidth, bottom: t + a.clientHeight };
        for (const r of rects) {
          if (r.left < clip.left - 1 || r.top < clip.top - 1 || r.right > clip.right + 1 || r.bottom > clip.bottom + 1) {
            problems.push({ what: 'clipped', element: describe(el), text, detail: `${rectText(r)} cut by ${describe(a)}` });
          }
        }
      }
    }
    for (const el of holders) {
      const style = getComputedStyle(el);
      if (style.display === 'inline') continue;
      // Height only where the box clips: a glyph taller than a tight line-height is drawn, not cut.
      const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
      if (el.scrollWidth > el.clientWidth + 1 || (clips && el.scrollHeight > el.clientHeight + 1)) {
        problems.push({ what: 'overflowing', element: describe(el), text: (el.textContent ?? '').trim(), detail: `scroll ${el.scrollWidth}×${el.scrollHeight} > client ${el.clientWidth}×${el.clientHeight}` });
      }
    }
    // Two lines of text drawn over each other (a fixed caption over a row, say): neither can be read.
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const a = lines[i]!;
        const b = lines[j]!;
        // A line's box is the font's ascent to descent, taller than its glyphs where line-height is tight: the
        // middle 60% of each box is what must not meet.
        const ia = a.r.height * 0.2;
        const ib = b.r.height * 0.2;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom - ia, b.r.bottom - ib) - Math.max(a.r.top + ia, b.r.top + ib);
        if (w > 1 && h > 0) {
          problems.push({ what: 'overlapping', element: `${describe(a.el)} / ${describe(b.el)}`, text: `${a.text} / ${b.text}`, detail: `${rectText(a.r)} and ${rectText(b.r)}` });
        }
      }
    }
    // Every box on the screen (cards, bars, badges), text or not, inside the viewport.
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
        problems.push({ what: 'box-off-screen', element: describe(el), text: (el.textContent ?? '').trim().slice(0, 60), detail: `${rectText(r)} outside ${vw}×${vh}` });
      }
    }
    return { problems, texts, minFontPx: minFont, ready: document.querySelector(ready) !== null };
  }, opts);
}
