import type { ImportProblem } from '../../../shared/errors.ts';
import { parseCsv } from '../../../shared/import/csv.ts';
import { useT } from '../useT.ts';

const MAX_CELL = 28;
const short = (cell: string) => {
  const first = cell.split(/\r?\n/)[0] ?? '';
  return first.length > MAX_CELL || first !== cell ? `${first.slice(0, MAX_CELL)}…` : cell;
};

/**
 * The CSV as the spreadsheet shows it (row 1 = the header), each cell with a problem marked, and the problems
 * listed beside it by row and column. Nothing is saved while any are left.
 */
export function CsvProblems({ id, text, problems }: { id: string; text: string; problems: ImportProblem[] }) {
  const { t, issue } = useT();
  const rows = parseCsv(text).rows;
  const header = (rows[0]?.cells ?? []).map((h) => h.trim());
  const width = Math.max(header.length, ...rows.map((r) => r.cells.length));
  const cellProblem = new Map<string, number>();
  const rowProblem = new Map<number, number>();
  problems.forEach((p, i) => {
    const col = header.indexOf(p.column.trim());
    if (col >= 0) {
      if (!cellProblem.has(`${p.row}|${col}`)) cellProblem.set(`${p.row}|${col}`, i);
    } else if (!rowProblem.has(p.row)) rowProblem.set(p.row, i);
  });
  const cellId = (row: number, col: number) => `${id}-cell-${row}-${col}`;

  return (
    <div class="preview-grid" data-testid={`${id}-problems-view`}>
      <div class="table-scroll">
        <table class="dense csv-table" data-testid={`${id}-csv-table`}>
          <tbody>
            {rows.map((r, i) => {
              const rowNo = i + 1;
              return (
                <tr key={rowNo} class={rowProblem.has(rowNo) ? 'row-problem' : i === 0 ? 'row-header' : undefined}>
                  <th class="rowno">{rowNo}</th>
                  {Array.from({ length: width }, (_, c) => {
                    const cell = r.cells[c] ?? '';
                    const p = cellProblem.get(`${rowNo}|${c}`);
                    return (
                      <td
                        key={c}
                        id={cellId(rowNo, c)}
                        class={p !== undefined ? 'cell-problem' : undefined}
                        title={p !== undefined ? issue(problems[p]!) : cell}
                        data-problem={p !== undefined ? String(p) : undefined}
                      >
                        {p !== undefined && <span class="problem-tag">{p + 1}</span>}
                        {short(cell)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <aside class="problem-list" aria-live="polite">
        <h3 class="problem-head" data-testid={`${id}-problem-count`} data-count={problems.length}>
          {t('import.problems', { n: problems.length })}
        </h3>
        <ol>
          {problems.map((p, i) => {
            const col = header.indexOf(p.column.trim());
            return (
              <li key={i} data-testid={`${id}-problem`} data-row={p.row} data-column={p.column}>
                <button
                  type="button"
                  class="linklike"
                  onClick={() => document.getElementById(cellId(p.row, Math.max(col, 0)))?.scrollIntoView({ block: 'center', inline: 'center' })}
                >
                  <span class="problem-tag">{i + 1}</span>
                  {t('import.where', { row: p.row, column: p.column || t('import.wholeRow') })}
                </button>
                <span class="problem-message">{issue(p)}</span>
              </li>
            );
          })}
        </ol>
      </aside>
    </div>
  );
}
