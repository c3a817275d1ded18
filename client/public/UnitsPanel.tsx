import type { SectionKey } from '../i18n/catalogue.ts';
import { useLocale } from './locale.tsx';
import type { PublicProject } from '../../shared/responses/projects.ts';

/** Who answers for the project: units and leaders, as published with the plan. */
export function UnitsPanel({ project: p }: { project: PublicProject }) {
  const { t, locale } = useLocale();
  const sep = t('sep.list');
  const rows: [SectionKey<'public'>, string][] = [
    ['units.lead', p.units.lead.join(sep)],
    ['units.cooperate', p.units.cooperate.join(sep)],
    ['units.implement', p.units.implement.join(sep)],
    ['leaders.county', p.countyLeader],
    ['leaders.responsible', p.responsibleLeader],
    ['leaders.inCharge', p.leaderInCharge],
  ];
  const shown = rows.filter(([, v]) => v.trim() !== '');
  if (shown.length === 0) return null;
  return (
    <section class="detail-section" data-testid="units">
      <h3>{t('detail.units')}</h3>
      <dl class="facts">
        {shown.map(([k, v]) => (
          <div key={k}>
            <dt>{t(k)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
