import type { PaperProgress } from '../../../shared/paper-ballot.ts';
import { useT } from '../useT.ts';

/** 纸质选票 progress in one row of figures: issued, printed, returned, entered twice, disputed, decided. */
export function PaperProgressView({ progress }: { progress: PaperProgress }) {
  const { t } = useT();
  const cells: [string, number, string][] = [
    [t('paper.issued'), progress.issued, 'issued'],
    [t('paper.printed'), progress.printed, 'printed'],
    [t('paper.returned'), progress.returned, 'returned'],
    [t('paper.enteredTwice'), progress.enteredTwice, 'entered-twice'],
    [t('paper.disputed'), progress.disputed, 'disputed'],
    [t('paper.decided'), progress.decided, 'decided'],
  ];
  return (
    <div data-testid="paper-progress">
      <dl class="paper-figures">
        {cells.map(([label, n, key]) => (
          <div key={key} class={key === 'disputed' && n > 0 ? 'paper-figure paper-figure-alert' : 'paper-figure'}>
            <dt>{label}</dt>
            <dd data-testid={`paper-${key}`}>{n}</dd>
          </div>
        ))}
      </dl>
      {progress.countedAt !== null && <p class="ok" data-testid="paper-counted">✓ {t('paper.counted')}</p>}
    </div>
  );
}
