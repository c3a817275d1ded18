import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { EVALUATION_OPTIONS, SELECTION_OPTIONS, type Marks } from './record.ts';

// A deputy's paper (选票) as the tablet sends it — over HTTP (POST /api/deputy/ballots/:b/papers) or the socket
// (`submitPaper`) — and the receipt digest both sides compute from it. DESIGN.md §4.2 (papers), §6 (receipts).

/** At most this many marks on one paper: a ballot has at most 500 candidates (shared/candidate.ts). */
export const MAX_MARKS = 500;
/** A candidate id is at most this many characters (the server's ids are 14). */
export const MAX_CANDIDATE_ID = 64;
/** Every mark any ballot knows: a mark outside the ballot's own options makes the paper invalid (废票). */
export const KNOWN_MARKS: readonly string[] = [...SELECTION_OPTIONS, ...EVALUATION_OPTIONS];
const known = new Set(KNOWN_MARKS);

/**
 * Candidate id → mark, as a tablet submits it: an object of at most MAX_MARKS entries, each id 1–MAX_CANDIDATE_ID
 * UTF-16 code units of well-formed Unicode, each mark one of KNOWN_MARKS. A paper breaking these is refused with
 * `invalid_input` by both routes, before it reaches the desk; a paper within them that breaks the ballot's rules (an unknown candidate, an
 * evaluation mark on a selection ballot, over the cap) is kept and counted invalid. Parsed by hand rather than
 * with z.record, which drops a "__proto__" key the socket's JSON.parse keeps; the result has no prototype.
 */
export const paperMarksSchema = z.unknown().transform((value, ctx): Marks => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected an object of candidate id → mark' });
    return z.NEVER;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_MARKS) {
    ctx.addIssue({ code: 'custom', message: `too many marks (at most ${MAX_MARKS})` });
    return z.NEVER;
  }
  const marks = Object.create(null) as Marks;
  for (const [candidateId, mark] of entries) {
    const path = [candidateId.length > MAX_CANDIDATE_ID ? `${candidateId.slice(0, 16)}…` : candidateId];
    if (candidateId.length < 1 || candidateId.length > MAX_CANDIDATE_ID) {
      ctx.addIssue({ code: 'custom', path, message: `a candidate id has 1 to ${MAX_CANDIDATE_ID} characters` });
    } else if (/\p{Cs}/u.test(candidateId)) {
      ctx.addIssue({ code: 'custom', path: [candidateId.replace(/\p{Cs}/gu, '\uFFFD')], message: 'a candidate id must be well-formed Unicode (no lone surrogate)' });
    } else if (typeof mark !== 'string' || !known.has(mark)) {
      ctx.addIssue({ code: 'custom', path, message: `a mark is one of ${KNOWN_MARKS.join(', ')}` });
    } else {
      marks[candidateId] = mark;
    }
  }
  return marks;
});

/**
 * The text a receipt digest is computed over: canonical JSON (shared/canonical-json.ts) of
 * `{"ballot": ballotId, "id": paperId, "marks": marks}` — object keys sorted by UTF-16 code units at every level,
 * strings escaped as JSON.stringify escapes them, no whitespace. README "The ballot record" states it for readers.
 */
export function paperDigestText(ballotId: string, paperId: string, marks: Marks): string {
  return paperDigestTextOf(ballotId, paperId, canonicalJson(marks));
}

/**
 * paperDigestText from the marks' canonical JSON made already (the opening makes it for the paper's row, so it
 * is not made twice for each of thousands of papers): the keys "ballot" < "id" < "marks" are in canonical order,
 * and a string's canonical JSON is JSON.stringify's. `marksJson` must be canonicalJson(marks).
 */
export function paperDigestTextOf(ballotId: string, paperId: string, marksJson: string): string {
  return `{"ballot":${JSON.stringify(ballotId)},"id":${JSON.stringify(paperId)},"marks":${marksJson}}`;
}

/**
 * The receipt digest of a paper: lowercase hex sha256 of the UTF-8 bytes of paperDigestText. The hash comes from
 * the caller's crypto library (node:crypto on the server, WebCrypto in the browser), so it returns whatever that
 * returns: a string, or a promise of one. Throws only what `sha256Hex` throws.
 */
export function paperDigest<T extends string | Promise<string>>(ballotId: string, paperId: string, marks: Marks, sha256Hex: (utf8: Uint8Array) => T): T {
  return sha256Hex(new TextEncoder().encode(paperDigestText(ballotId, paperId, marks)));
}
