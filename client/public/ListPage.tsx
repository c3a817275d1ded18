import { loadLatest, peekLatest } from './api.ts';
import { EmptyState } from './EmptyState.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { Loading } from './Loading.tsx';
import type { PublicProject } from '../../shared/responses/projects.ts';
import { useAsync } from './useAsync.ts';
import { YearView } from './YearView.tsx';

interface Props {
  /** The year in the URL; null: the latest year the server has. */
  requested: number | null;
  onChooseYear: (year: number) => void;
  onOpen: (p: PublicProject) => void;
  takeFocus: () => string | null;
}

/** The list screen: first learns the latest year (the default), then shows the chosen one. */
export function ListPage({ requested, ...rest }: Props) {
  const [latest, retry] = useAsync('latest', loadLatest, peekLatest);
  if (latest.state === 'loading') return <Loading />;
  if (latest.state === 'error') return <ErrorNotice error={latest.error} onRetry={retry} />;
  const year = requested ?? latest.value.year;
  if (year === null) return <EmptyState year={null} />;
  return <YearView year={year} latest={latest.value.year} requested={requested} {...rest} />;
}
