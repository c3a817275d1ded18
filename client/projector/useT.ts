import { useMemo } from 'preact/hooks';
import { useI18n } from '../components/i18n.tsx';
import { projectorText, type ProjectorKey } from './i18n.ts';

export function useT() {
  const { locale } = useI18n();
  return useMemo(() => ({ t: (key: ProjectorKey, params?: Record<string, string | number>) => projectorText(locale, key, params) }), [locale]);
}
