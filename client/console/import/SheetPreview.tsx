import { issueText } from '../../i18n/server-error.ts';
import type { ImportProblem } from '../../../shared/errors.ts';
import type { PreviewGrid } from '../../../shared/import/grid.ts';
import { columnLetters } from '../../../shared/import/grid.ts';
import { normaliseHeader } from '../../../shared/import/table.ts';
import type { ColumnSpec } from '../../../shared/import/table.ts';
import { useT } from '../useT.ts';
import { IssueList } from './IssueList.tsx';

const MAX_CELL = 28;
const short = (cell: string) => {
  const first = cell.split(/\r?\n/)[0] ?? '';
  return first.length > MAX_CELL || first !== cell ? `${first.slice(0, MAX_CELL)}…` : cell;
};

/** The index of the header row: the first of the first ten rows naming a required column, else 0. */
function headerIndex(table: PreviewGrid, specs: readonly ColumnSpec<string>[]): number {
  const names = new Set(specs.filter((s) => s.required).flatMap((s) => [s.header, ...(s.aliases ?? [])].map((h) => normaliseHeader(h).name)));
  const i = table.rows.slice(0, 10).findIndex((r) => r.cells.some((c) => names.has(normaliseHeader(c).name)));
  return Math.max(0, i);
}

interface Props {
  id: string;
  table: PreviewGrid;
  specs: readonly ColumnSpec<string>[];
  problems: ImportProblem[];
  /** Notes beside the problems (duplicates skipped or kept). */
  notes?: ImportProblem[] | undefined;
}

/**
 * The file as the server read it — rows numbered as the spreadsheet numbers them, whatever the format — with each
 * problem marked on its cell and listed by row and column, and each cell filled from a merged range marked and
 * listed (where it was filled from). Nothing is saved while a problem is left.
 */
export function SheetPreview({ id, table, specs, problems, notes = [] }: Props) {
  const { t, server, locale } = useT();
  const h = headerIndex(table, specs);
  const header = (table.rows[h]?.cells ?? []).map((c) => c.trim());
  const width = Math.max(header.length, ...table.rows.map((r) => r.cells.length));
  const cellProblem = new Map<string, number>();
  const rowProblem = new Map<number, number>();
  problems.forEach((p, i) => {
    const col = header.indexOf(p.column.trim());
    if (col >= 0) {
      if (!cellProblem.has(`${p.row}|${col}`)) cellProblem.set(`${p.row}|${col}`, i);
    } else if (!rowProblem.has(p.row)) rowProblem.set(p.row, i);
  });
  const filled = new Map(table.filled.filter((f) => f.row > (table.rows[h]?.row ?? 0)).map((f) => [`${f.row}|${f.col}`, f] as const));
  const cellId = (row: number, col: number) => `${id}-cell-${row}-${col}`;
  const headerRow = table.rows[h]?.row ?? 1;

  return (
    <div class="preview-grid" data-testid={problems.length ? `${id}-problems-view` : `${id}-sheet`}>
      <div class="table-scroll">
        <table class="dense csv-table" data-testid={`${id}-csv-table`}>
          <thead>
            <tr>
              <th class="rowno" />
              {Array.from({ length: width }, (_, c) => (
                <th key={c} class="colname">
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.row} class={rowProblem.has(r.row) ? 'row-problem' : r.row === headerRow ? 'row-header' : r.row < headerRow ? 'row-above' : undefined}>
                <th class="rowno">{r.row}</th>
                {Array.from({ length: width }, (_, c) => {
                  const cell = r.cells[c] ?? '';
                  const p = cellProblem.get(`${r.row}|${c}`);
                  const f = filled.get(`${r.row}|${c}`);
                  return (
                    <td
                      key={c}
                      id={cellId(r.row, c)}
                      class={p !== undefined ? 'cell-problem' : f ? 'cell-filled' : undefined}
                      title={p !== undefined ? issueText(locale, problems[p]!) : f ? t('import.filledFrom', { from: f.from }) : cell}
                      data-problem={p !== undefined ? String(p) : undefined}
                      data-filled={f ? f.from : undefined}
                    >
                      {p !== undefined && <span class="problem-tag">{p + 1}</span>}
                      {short(cell)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <aside class={problems.length ? 'problem-list' : 'problem-list note-list'} aria-live="polite">
        {problems.length > 0 && (
          <h3 class="problem-head" data-testid={`${id}-problem-count`} data-count={problems.length}>
            {t('import.problems', { n: problems.length })}
          </h3>
        )}
        <ol>
          {problems.map((p, i) => {
            const col = header.indexOf(p.column.trim());
            return (
              <li key={i} data-testid={`${id}-problem`} data-row={p.row} data-column={p.column} data-choice={p.choice}>
                <button
                  type="button"
                  class="linklike"
                  onClick={() => document.getElementById(cellId(p.row, Math.max(col, 0)))?.scrollIntoView({ block: 'center', inline: 'center' })}
                >
                  <span class="problem-tag">{i + 1}</span>
                  {t('import.where', { row: p.row, column: p.column || t('import.wholeRow') })}
                </button>
                <span class="problem-message">{issueText(locale, p)}</span>
              </li>
            );
          })}
        </ol>
        {filled.size > 0 && (
          <>
            <h3 data-testid={`${id}-filled-count`} data-count={filled.size}>
              {t('import.filledHead', { n: filled.size })}
            </h3>
            <ul class="filled-list">
              {[...filled.values()].map((f) => (
                <li key={`${f.row}|${f.col}`} data-testid={`${id}-filled`}>
                  <span class="filled-swatch" />
                  {t('import.where', { row: f.row, column: header[f.col] || columnLetters(f.col) })} · {t('import.filledFrom', { from: f.from })}
                </li>
              ))}
            </ul>
          </>
        )}
        {notes.length > 0 && <IssueList items={notes} itemTestId={`${id}-note`} class="filled-list" />}
      </aside>
    </div>
  );
}
