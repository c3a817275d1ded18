import { useT, type ConsoleKey } from './useT.ts';

/**
 * A header cell: a catalogue key; a key of a figures column (`num`: right-aligned, as its cells); a fixed text such as
 * "#"; or null for an empty cell above a column of buttons.
 */
export type Column = ConsoleKey | { key: ConsoleKey; num: true } | { text: string; num?: boolean } | null;

/** A table's <thead>: one row, one <th> per column, in order. */
export function TableHead({ cols }: { cols: readonly Column[] }) {
  const { t } = useT();
  return (
    <thead>
      <tr>
        {cols.map((c, i) =>
          c === null ? (
            <th key={i} />
          ) : typeof c === 'string' ? (
            <th key={i}>{t(c)}</th>
          ) : 'key' in c ? (
            <th key={i} class="num">
              {t(c.key)}
            </th>
          ) : (
            <th key={i} class={c.num ? 'num' : undefined}>
              {c.text}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
