import { useT, type ConsoleKey } from './useT.ts';

/**
 * A header cell: a catalogue key; a key of a figures column (`num`: right-aligned, as its cells) or with a `title`
 * (the hover hint); a fixed text such as "#" (with its own `class` where the column has one); null for an empty cell
 * above a column of buttons; false for a column not shown now (left out, as `{cond && <th>}` would).
 */
export type Column = ConsoleKey | { key: ConsoleKey; num?: boolean; title?: string } | { text: string; num?: boolean; class?: string } | null | false;

/** A table's <thead>: one row, one <th> per shown column, in order. */
export function TableHead({ cols }: { cols: readonly Column[] }) {
  const { t } = useT();
  return (
    <thead>
      <tr>
        {cols.map((c, i) =>
          c === false ? null : c === null ? (
            <th key={i} />
          ) : typeof c === 'string' ? (
            <th key={i}>{t(c)}</th>
          ) : 'key' in c ? (
            <th key={i} class={c.num ? 'num' : undefined} title={c.title}>
              {t(c.key)}
            </th>
          ) : (
            <th key={i} class={c.class ?? (c.num ? 'num' : undefined)}>
              {c.text}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
