import fc from 'fast-check';

// Arbitraries for hostile HTTP input. Bodies are built as JSON *text*, so that they can hold what a JS value
// cannot: numbers beyond a double, duplicate keys, `__proto__` as an own key, lone surrogates.

/** Strings that have broken servers before: NUL, bidi overrides, astral and combining characters, lone
 *  surrogates, prototype names, paths, SQL, very long text — and ordinary random Unicode. */
export const strangeString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u202e\u0645\u0631\u062d\u0628\u0627',
    '\u{1F4A5}',
    '𠮷野家',
    'e\u0301\u0301\u0301',
    '\ud800',
    'x\udfff',
    '\ufeff',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '../../etc/passwd',
    '%00',
    '${7*7}',
    "' or 1=1 --",
    '"; drop table paper; --',
    '<script>alert(1)</script>',
    'null',
    'NaN',
    '-0',
    '1e309',
    '赞成',
    'for',
  ),
  fc.string({ minLength: 65, maxLength: 400 }),
);

/** Keys that JavaScript treats specially, besides strange strings. */
const strangeKey: fc.Arbitrary<string> = fc.oneof(
  strangeString,
  fc.constantFrom('__proto__', 'constructor', 'prototype', '__defineGetter__', 'valueOf', 'then', 'length', '0'),
);

/** A JSON value as text, never `null` at the top (a missing body and `null` mean the same to the server). */
export type Json = { t: 'lit'; text: string } | { t: 'arr'; items: Json[] } | { t: 'obj'; entries: [string, Json][] };

export function jsonText(j: Json): string {
  switch (j.t) {
    case 'lit':
      return j.text;
    case 'arr':
      return `[${j.items.map(jsonText).join(',')}]`;
    case 'obj':
      return `{${j.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
  }
}

export const lit = (text: string): Json => ({ t: 'lit', text });

const leaf: fc.Arbitrary<Json> = fc.oneof(
  strangeString.map((s) => lit(JSON.stringify(s))),
  fc.integer().map((n) => lit(String(n))),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => lit(JSON.stringify(n))),
  // Numbers a double cannot hold, and the edges zod's int checks must see.
  fc
    .constantFrom('1e999', '-1e999', '-0', '123456789012345678901234567890', '1E-400', '9007199254740993', '-1', '0', '0.5', '4294967296', '1e308')
    .map(lit),
  fc.boolean().map((b) => lit(String(b))),
  fc.constant(lit('null')),
);

const valueTree = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }).map((items): Json => ({ t: 'arr', items })),
    fc.array(fc.tuple(strangeKey, tie('value')), { maxLength: 4 }).map((entries): Json => ({ t: 'obj', entries })),
  ),
})).value;

/** Any JSON value with strange contents. */
export const hostileValue: fc.Arbitrary<Json> = valueTree;

export interface BodySpec {
  label: string;
  /** Whether a POST/PATCH carrying this body must be refused whatever the route (GET routes ignore bodies). */
  refuses: boolean;
  contentType?: string;
  payload?: string;
}

const malformedJson: fc.Arbitrary<BodySpec> = fc
  .oneof(
    fc.constantFrom('{', '{"a":', '[1,2', '{"a" 1}', "{'a':1}", 'undefined', 'NaN', '{"a":1}x', '{"a":1,}', '\u0000', '{"\u0000', '01', '+1', '.5', '"\ud800', '{"title":"票决",'),
    fc.string({ minLength: 1, maxLength: 60 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    }),
  )
  .map((payload) => ({ label: 'malformed JSON', refuses: true, contentType: 'application/json', payload }));

/** JSON that is not an object: a string, number, boolean or (non-empty) array. */
const notAnObject: fc.Arbitrary<BodySpec> = fc
  .oneof(
    leaf.filter((j) => j.t === 'lit' && j.text !== 'null'),
    fc.array(hostileValue, { minLength: 1, maxLength: 4 }).map((items): Json => ({ t: 'arr', items })),
  )
  .map((j) => ({ label: 'not an object', refuses: true, contentType: 'application/json', payload: jsonText(j) }));

/** A body of deeply nested arrays or objects (up to 20 000 levels), under a key no route knows. */
const deeplyNested: fc.Arbitrary<BodySpec> = fc
  .record({ depth: fc.integer({ min: 64, max: 20_000 }), kind: fc.constantFrom('array', 'object'), wrapped: fc.boolean() })
  .map(({ depth, kind, wrapped }) => {
    const inner = kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    return { label: `nested ${depth} deep`, refuses: true, contentType: 'application/json', payload: wrapped ? `{"deep\\u0000":${inner}}` : inner };
  });

/** A body sent as something other than JSON. Never valid JSON either, so no parser can make it acceptable. */
const wrongContentType: fc.Arbitrary<BodySpec> = fc
  .record({
    contentType: fc.constantFrom(
      undefined,
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/octet-stream',
      'application/json; charset=utf-16',
      'application/jsonx',
      'image/png',
    ),
    payload: fc.string({ maxLength: 40 }).map((s) => `#${s}`),
  })
  .map(({ contentType, payload }) => ({ label: `sent as ${contentType ?? 'no content type'}`, refuses: true, payload, ...(contentType ? { contentType } : {}) }));

/** An object with at least one field the route does not know, beside known fields holding strange values. */
function withUnknownField(fields: readonly string[]): fc.Arbitrary<BodySpec> {
  const unknownKey = strangeKey.filter((k) => !fields.includes(k));
  return fc
    .record({
      known: fields.length ? fc.subarray([...fields]).chain((ks) => fc.tuple(...ks.map((k) => hostileValue.map((v) => [k, v] as [string, Json])))) : fc.constant([]),
      unknown: fc.array(fc.tuple(unknownKey, hostileValue), { minLength: 1, maxLength: 3 }),
    })
    .map(({ known, unknown }) => ({
      label: 'unknown field',
      refuses: true,
      contentType: 'application/json',
      payload: jsonText({ t: 'obj', entries: [...(known as [string, Json][]), ...unknown] }),
    }));
}

/** Only the route's own fields, holding strange values. It may be accepted; it must never break anything. */
function strangeKnownFields(fields: readonly string[]): fc.Arbitrary<BodySpec> {
  return fc
    .subarray([...fields], { minLength: 1 })
    .chain((ks) => fc.tuple(...ks.map((k) => hostileValue.map((v) => [k, v] as [string, Json]))))
    .map((entries) => ({ label: 'strange values', refuses: false, contentType: 'application/json', payload: jsonText({ t: 'obj', entries }) }));
}

/** Bodies for a POST/PATCH route: every one refused except, possibly, strange values in known fields. */
export function hostileBody(fields: readonly string[] | undefined): fc.Arbitrary<BodySpec> {
  const refused = [malformedJson, notAnObject, deeplyNested, wrongContentType, withUnknownField(fields ?? [])];
  return fields?.length ? fc.oneof(...refused, strangeKnownFields(fields)) : fc.oneof(...refused);
}

/** What a GET carries: usually nothing; a body it must ignore, now and then. */
export const getBody: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<BodySpec>({ label: 'no body', refuses: false }) },
  { weight: 1, arbitrary: fc.oneof(malformedJson, notAnObject, wrongContentType).map((b) => ({ ...b, refuses: false })) },
);

/** encodeURIComponent, except that a lone surrogate (which no URL can carry) becomes U+FFFD instead of throwing. */
export function encodeSegment(s: string): string {
  return encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));
}

export interface ParamChoice {
  kind: 'real' | 'unknown' | 'hostile';
  /** As it goes into the path (already encoded, or deliberately broken). */
  segment: string;
}

/** A path parameter: the world's real id, a well-formed unknown id, or a hostile string (encoded or raw). */
export function paramChoice(real: string | undefined): fc.Arbitrary<ParamChoice> {
  const unknown = fc.stringMatching(/^zz[A-Za-z0-9_-]{1,30}$/).map((s): ParamChoice => ({ kind: 'unknown', segment: s }));
  const hostile = fc.oneof(
    strangeString.map((s): ParamChoice => ({ kind: 'hostile', segment: encodeSegment(s) })),
    // Broken percent-encodings and overlong params never reach a handler: the router refuses them.
    fc.constantFrom('%', '%E0%A4%A', '%zz', '%C0%AF', '%ff', '%ED%A0%80', 'x'.repeat(150), '%00', '..', '.').map((segment): ParamChoice => ({ kind: 'hostile', segment })),
  );
  return real === undefined
    ? fc.oneof(unknown, hostile)
    : fc.oneof({ weight: 3, arbitrary: fc.constant<ParamChoice>({ kind: 'real', segment: real }) }, { weight: 1, arbitrary: unknown }, { weight: 2, arbitrary: hostile });
}

/** A query string: none, strange pairs, or shapes that query parsers have choked on. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(strangeString, strangeString), { minLength: 1, maxLength: 4 })
      .map((pairs) => `?${pairs.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&')}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('dryRun=maybe', 'limit=1e999', 'limit=-1', 'afterSeq=NaN', 'a[b][c]=1', '__proto__[x]=1', 'constructor[prototype][x]=1', '&&&', '=', 'a=%', 'year=99999999999999999999', 'dryRun=true&dryRun=false', 'x=' + 'y'.repeat(5000))
      .map((q) => `?${q}`),
  },
);

/** Credentials a stranger might try: nothing, or forged cookies and tokens. */
export const forgedCredentials: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('cookie', 'bearer', 'basic', 'bare'), fc.stringMatching(/^[\x21-\x7e]{0,80}$/))
      .map(([kind, junk]): Record<string, string> => {
        if (kind === 'cookie') return { cookie: `pj_session=${junk}` };
        if (kind === 'bearer') return { authorization: `Bearer ${junk}` };
        if (kind === 'basic') return { authorization: `Basic ${junk}` };
        return { authorization: junk };
      }),
  },
);
