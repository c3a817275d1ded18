import { useMemo } from 'preact/hooks';
import { useSection } from '../components/i18n.tsx';
import type { Locale, Params, SectionKey } from '../i18n/catalogue.ts';
import { errorText, issueText, type ServerError } from '../i18n/server-error.ts';
import type { IssueDetail } from '../../shared/issues.ts';

export type ConsoleKey = SectionKey<'console'>;
export type T = (key: ConsoleKey, params?: Params) => string;

/**
 * The console's texts in the language the shared provider holds (and its toggle switches); `server` says a
 * refused request in that language by its code, `issue` one field issue or import problem.
 */
export function useT(): { t: T; server: (error: ServerError) => string; issue: (issue: { message: string } & IssueDetail) => string; locale: Locale } {
  const { t, locale } = useSection('console');
  return useMemo(
    () => ({
      t,
      server: (error: ServerError) => errorText(locale, error),
      issue: (issue: { message: string } & IssueDetail) => issueText(locale, issue),
      locale,
    }),
    [t, locale],
  );
}
