import { useI18n } from './i18n.tsx';
import './banner.css';

/**
 * 演示/培训：密钥由服务器托管 — a meeting without a chief scrutineer's key, whose secret ballots the server could
 * open by itself (its escrow key, DESIGN §5). Every screen of such a meeting says so: console, tablet, projector,
 * public page; the printed report too. `print` false: not on paper (the report prints its own). Shows nothing for `keyEscrow` 'scrutineer' or unknown.
 */
export function TrainingBanner({ keyEscrow, detail = true, print = true }: { keyEscrow: 'scrutineer' | 'server' | null | undefined; detail?: boolean; print?: boolean }) {
  const { t } = useI18n();
  if (keyEscrow !== 'server') return null;
  return (
    <div class={`hall-banner hall-banner-warn training-banner${print ? '' : ' no-print'}`} role="note" data-testid="training-banner">
      <strong>{t('training.banner')}</strong>
      {detail && <span class="training-detail">　{t('training.detail')}</span>}
    </div>
  );
}
