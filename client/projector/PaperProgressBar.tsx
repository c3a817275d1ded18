import type { PaperProgress } from '../../shared/paper-ballot.ts';
import { useT } from './useT.ts';

/** 纸质选票 in the hall, legible from 20 m: issued, returned, entered twice, disputed — counts only, never marks. */
export function PaperProgressBar({ progress }: { progress: PaperProgress }) {
  const { t } = useT();
  if (progress.issued === 0 && progress.returned === 0) return null;
  const cells: [string, number, string][] = [
    [t('paper.issued'), progress.issued, 'issued'],
    [t('paper.returned'), progress.returned, 'returned'],
    [t('paper.enteredTwice'), progress.enteredTwice, 'entered-twice'],
    [t('paper.disputed'), progress.disputed, 'disputed'],
  ];
  return (
    <section class="paper-progress" data-testid="projector-paper">
      <h3 class="paper-progress-title">{t('paper.title')}</h3>
      <dl class="paper-progress-cells">
        {cells.map(([label, n, key]) => (
          <div key={key} class="paper-progress-cell">
            <dt>{label}</dt>
            <dd data-testid={`projector-paper-${key}`}>{n}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
