import { useT } from './useT.ts';

/** Voted of present, as a number and a bar (named by that number, WCAG 4.1.2). Who voted what is never here. */
export function TurnoutBar({ voted, present }: { voted: number; present: number }) {
  const { t } = useT();
  const share = present > 0 ? Math.min(1, voted / present) : 0;
  return (
    <div class="turnout" data-testid="projector-turnout" data-voted={voted} data-present={present}>
      <div class="turnout-text" id="projector-turnout-text">
        {t('turnout', { voted, present })}
      </div>
      <div class="turnout-track" role="progressbar" aria-labelledby="projector-turnout-text" aria-valuemin={0} aria-valuemax={present} aria-valuenow={voted}>
        <div class="turnout-fill" style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
