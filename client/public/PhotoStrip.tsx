import { useLocale } from './locale.tsx';
import type { Photo } from '../../shared/responses/projects.ts';

/** The report's photos; a tap opens the full image. */
export function PhotoStrip({ photos }: { photos: readonly Photo[] }) {
  const { t } = useLocale();
  if (photos.length === 0) return null;
  return (
    <ul class="photos">
      {photos.map((ph, i) => (
        <li key={ph.id}>
          <a href={ph.url} target="_blank" rel="noopener">
            <img src={ph.url} alt={t('report.photo', { n: i + 1, name: ph.filename })} loading="lazy" data-testid="report-photo" />
          </a>
        </li>
      ))}
    </ul>
  );
}
