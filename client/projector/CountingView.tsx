import type { ProjectorState } from './state.ts';
import { TurnoutBar } from './TurnoutBar.tsx';
import { LONG_TITLE } from './BallotView.tsx';
import { useT } from './useT.ts';

/** Closed, not yet announced: no numbers but the turnout. */
export function CountingView({ counting }: { counting: NonNullable<ProjectorState['counting']> }) {
  const { t } = useT();
  return (
    <section class="counting" data-testid="projector-counting">
      <h2 class={`ballot-title${counting.title.length > LONG_TITLE ? ' long' : ''}`}>{counting.title}</h2>
      <p class="counting-title">{t('counting.title')}</p>
      <p class="counting-hint">{t('counting.hint')}</p>
      {counting.voted !== null && counting.present !== null && <TurnoutBar voted={counting.voted} present={counting.present} />}
    </section>
  );
}
