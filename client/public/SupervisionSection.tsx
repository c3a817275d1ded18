import { useEffect, useState } from 'preact/hooks';
import { publicSupervisionReplySchema, type PublicSupervision } from '../../shared/responses/supervision.ts';
import { getRead } from './api.ts';
import { useLocale } from './locale.tsx';
import { Section } from './Section.tsx';
import { InspectionPhotos } from '../components/InspectionPhotos.tsx';

// 代表监督 on the public page (issue 16): inspections with date, kind, findings, photos and how many deputies took
// part — never their names (privacy by default) — how many opinions were answered, and 整改 with its state.

/** Loads the project's public supervision by itself; shows nothing when there is none (or it fails to load). */
export function SupervisionSection({ projectId }: { projectId: string }) {
  const { t } = useLocale();
  const [sv, setSv] = useState<PublicSupervision | null>(null);
  useEffect(() => {
    let live = true;
    getRead(`/api/public/projects/${encodeURIComponent(projectId)}/supervision`, publicSupervisionReplySchema)
      .then((b) => live && setSv(b.supervision))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [projectId]);
  if (!sv || (sv.inspections.length === 0 && sv.opinionCounts.total === 0 && sv.rectifications.length === 0)) return null;
  return (
    <Section title={t('sv.title')} testId="supervision">
      {sv.rectifications.map((r) => (
        <div key={r.id} class={`sv-rect is-${r.status}`} data-testid="rectification" data-status={r.status}>
          <p class="sv-rect-head">
            <strong>{t('sv.rect')}</strong>
            <br />
            {r.status === 'closed' ? t('sv.rect.closed', { date: r.closedOn ?? '', note: r.closingNote ?? '' }) : t(`sv.rect.${r.status}`, { deadline: r.deadline ?? '' })}
          </p>
          {r.reports.map((x) => (
            <p key={x.id} class="sv-note">
              {x.date} {x.text}
            </p>
          ))}
        </div>
      ))}
      {sv.inspections.map((i) => (
        <div key={i.id} class="sv-inspection" data-testid="inspection">
          <p>
            <strong>{t(`sv.${i.kind}`)}</strong> · {i.date} · {t('sv.deputies', { n: i.deputyCount })}
          </p>
          <p>{i.findings}</p>
          <InspectionPhotos photos={i.photos} lazy />
        </div>
      ))}
      {sv.opinionCounts.total > 0 && <p data-testid="opinion-counts">{t('sv.opinions', sv.opinionCounts)}</p>}
    </Section>
  );
}
