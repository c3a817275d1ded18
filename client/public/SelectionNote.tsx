import { useLocale } from './locale.tsx';
import type { PublicProject } from '../../shared/responses/projects.ts';

/** How the project came to be tracked: the deputies' vote (with its count), or last year's completion report. */
export function SelectionNote({ project: p }: { project: PublicProject }) {
  const { t } = useLocale();
  const s = p.selection;
  const lines: string[] = [];
  if (p.source === 'import') lines.push(t('selection.imported', { year: p.year }));
  else if (s) {
    lines.push(t(s.via === 'runoff' ? 'selection.runoff' : s.via === 'presidium' ? 'selection.presidium' : 'selection.vote'));
    const v = s.votes;
    if (v.for !== null && v.against !== null && v.abstain !== null) lines.push(t('selection.votes', { for: v.for, against: v.against, abstain: v.abstain }));
    if (s.rank !== null) lines.push(t('selection.rank', { rank: s.rank }));
  }
  if (lines.length === 0) return null;
  return (
    <section class="detail-section" data-testid="selection">
      <h3>{t('detail.selection')}</h3>
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </section>
  );
}
