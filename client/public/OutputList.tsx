import { formatNumber } from './format.ts';
import { useLocale } from './locale.tsx';

/** What was achieved, as the units count it: 体检人数 650, 受益居民户 61977. */
export function OutputList({ outputs }: { outputs: Record<string, number> }) {
  const { locale } = useLocale();
  const entries = Object.entries(outputs);
  if (entries.length === 0) return null;
  return (
    <ul class="outputs" data-testid="outputs">
      {entries.map(([label, n]) => (
        <li key={label} data-label={label} data-value={n}>
          <span class="output-label">{label}</span> <strong class="output-value">{formatNumber(locale, n)}</strong>
        </li>
      ))}
    </ul>
  );
}
