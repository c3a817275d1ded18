import { describe, expect, it } from 'vitest';
import { newPaperKey, PaperStore } from './outbox.ts';
import { memoryStore } from './storage.ts';

describe('newPaperKey', () => {
  it('is 32 characters of [A-Za-z0-9_-], from the random bytes given', () => {
    const key = newPaperKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newPaperKey()).not.toBe(key);
    expect(newPaperKey((b) => b.fill(0))).toBe('A'.repeat(32));
    expect(newPaperKey((b) => b.fill(255))).toBe('-'.repeat(32));
  });
});

describe('PaperStore', () => {
  const receipt = { ballotId: 'b1', paperId: 'p-1', digest: 'ab'.repeat(32) };

  it('keeps a confirmed paper until its receipt, then keeps the receipt and forgets the marks', () => {
    const store = memoryStore();
    const papers = new PaperStore(store, 'x.');
    papers.saveDraft('b1', { c1: 'for' });
    const paper = papers.enqueue('b1', { marks: { c1: 'for' } }, 1);
    expect(papers.draft('b1')).toBeNull();
    // a reload: a new PaperStore over the same storage sees the same paper and key
    const again = new PaperStore(store, 'x.');
    expect(again.pendingFor('b1')).toEqual(paper);
    expect(again.pending()).toEqual([paper]);
    again.settle(receipt, true, 2);
    expect(again.pendingFor('b1')).toBeNull();
    expect(again.receipt('b1')).toMatchObject({ ...receipt, verified: true });
    expect(JSON.stringify(store.dump())).not.toContain('"for"');
  });

  it('never gives one ballot a second key', () => {
    const papers = new PaperStore(memoryStore(), 'x.');
    const first = papers.enqueue('b1', { marks: { c1: 'for' } }, 1);
    const second = papers.enqueue('b1', { marks: { c1: 'against' } }, 2);
    expect(second).toEqual(first);
  });

  it('remembers a final refusal and drops the paper', () => {
    const papers = new PaperStore(memoryStore(), 'x.');
    papers.enqueue('b1', { marks: { c1: 'for' } }, 1);
    papers.refuse('b1', { code: 'already_voted', message: 'm' });
    expect(papers.pending()).toEqual([]);
    expect(papers.problem('b1')).toEqual({ code: 'already_voted', message: 'm' });
  });

  it('reads corrupt storage as empty, and keeps deputies apart', () => {
    const store = memoryStore();
    store.setItem('x.outbox', '{not json');
    store.setItem('x.receipt.b1', JSON.stringify({ ballotId: 'b1' }));
    const papers = new PaperStore(store, 'x.');
    expect(papers.pending()).toEqual([]);
    expect(papers.receipt('b1')).toBeNull();
    papers.enqueue('b1', { marks: {} }, 1);
    expect(new PaperStore(store, 'y.').pending()).toEqual([]);
  });

  it('a sealed paper keeps only its envelope and tracker, never the marks', () => {
    const store = memoryStore();
    const papers = new PaperStore(store, 'x.');
    const paper = papers.enqueue('b1', { envelope: 'QUJD', tracker: 'a'.repeat(64) }, 1);
    expect(paper).toEqual({ ballotId: 'b1', envelope: 'QUJD', tracker: 'a'.repeat(64), createdAt: 1 });
    expect(new PaperStore(store, 'x.').pendingFor('b1')).toEqual(paper);
    expect(papers.rekey('b1')).toBeNull();
  });

  it('forgets a closed ballot: draft, receipt and refusal go; a paper still waiting stays until answered', () => {
    const store = memoryStore();
    const papers = new PaperStore(store, 'x.');
    papers.saveDraft('b0', { c1: 'for' });
    papers.enqueue('b1', { envelope: 'QUJD', tracker: 'b'.repeat(64) }, 1);
    papers.settle({ ballotId: 'b1', tracker: 'b'.repeat(64) }, true, 2);
    papers.enqueue('b2', { envelope: 'QUJE', tracker: 'c'.repeat(64) }, 3);
    papers.saveDraft('b3', { c1: 'against' });
    papers.forgetAllBut('b3');
    expect(Object.keys(store.dump()).sort()).toEqual(['x.draft.b3', 'x.outbox']);
    papers.settle({ ballotId: 'b2', tracker: 'c'.repeat(64) }, true, 4);
    papers.forget('b2');
    papers.forget('b3');
    expect(store.dump()).toEqual({});
  });
});
