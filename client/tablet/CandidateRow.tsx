import type { ComponentChildren } from 'preact';
import { useI18n } from '../components/i18n.tsx';
import type { SectionKey } from '../i18n/catalogue.ts';
import type { WsCandidate } from '../../shared/ws.ts';

export const optionKey = (option: string) => `option.${option}` as SectionKey<'tablet'>;

interface Props {
  candidate: WsCandidate;
  options: readonly string[];
  mark: string | undefined;
  expanded: boolean;
  onToggle: () => void;
  onPress: (option: string) => void;
  /**
   * The option whose limit is reached (赞成 at the cap): its button says 已满 in its own words (so its accessible name
   * announces it); still pressable, to be refused in its row.
   */
  full?: string | null;
  /** A refusal of this row's press, shown in the row. */
  refusal?: ComponentChildren;
}

/** One candidate: 序号, name, budget and summary; tap to read the full task and plan; one big button per option. */
export function CandidateRow({ candidate: c, options, mark, expanded, onToggle, onPress, full = null, refusal = null }: Props) {
  const { t } = useI18n();
  return (
    <li class={`cand${mark ? ` marked mark-${mark}` : ''}`} data-testid={`cand-${c.id}`} data-seq={c.seq} data-mark={mark ?? ''}>
      <button type="button" class="cand-head" aria-expanded={expanded} data-testid={`cand-toggle-${c.id}`} onClick={onToggle}>
        <span class="seq">{c.seq}</span>
        <span class="cand-main">
          <span class="cand-name">{c.name}</span>
          <span class="cand-summary">{c.summary}</span>
        </span>
        <span class="cand-budget">{c.budgetWan !== null ? t('ballot.budget', { amount: c.budgetWan.toLocaleString('zh-CN') }) : t('ballot.noBudget')}</span>
        <span class="cand-more" aria-hidden="true">
          {expanded ? '▲' : '▼'}
        </span>
      </button>
      <div class="cand-options" role="group" aria-label={c.name}>
        {options.map((o) => (
          <button
            type="button"
            key={o}
            class={`opt opt-${o}${full === o ? ' opt-full' : ''}`}
            aria-pressed={mark === o}
            data-testid={`opt-${c.id}-${o}`}
            data-full={full === o ? 'true' : undefined}
            onClick={() => onPress(o)}
          >
            {/* The tick always takes its place (hidden when not chosen), so marking never moves the buttons. */}
            <span class="opt-tick" aria-hidden="true">
              ✓{' '}
            </span>
            {t(optionKey(o))}
            {full === o && <span class="opt-full-note">{t('ballot.full')}</span>}
          </button>
        ))}
      </div>
      {refusal && <div class="cand-refusal">{refusal}</div>}
      {expanded && <CandidateDetail candidate={c} />}
    </li>
  );
}

function CandidateDetail({ candidate: c }: { candidate: WsCandidate }) {
  const { t } = useI18n();
  return (
    <div class="cand-detail" data-testid={`cand-detail-${c.id}`}>
      <h2 class="detail-heading">{t('ballot.annualTask')}</h2>
      <p>{c.annualTask || c.summary}</p>
      {c.milestones.length > 0 && (
        <>
          <h2 class="detail-heading">{t('ballot.plan')}</h2>
          <table class="plan">
            <thead>
              <tr>
                <th>{t('ballot.planPeriod')}</th>
                <th>{t('ballot.planAmount')}</th>
                <th>{t('ballot.planText')}</th>
              </tr>
            </thead>
            <tbody>
              {c.milestones.map((m, i) => (
                <tr key={i}>
                  <td class="nowrap">{m.period}</td>
                  <td class="num">{m.amountWan ?? '—'}</td>
                  <td>{m.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
