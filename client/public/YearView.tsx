import { countyOf, loadYear, peekYear } from './api.ts';
import { BallotBoxes } from './BallotBoxes.tsx';
import { EmptyState } from './EmptyState.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { Loading } from './Loading.tsx';
import { ProjectList } from './ProjectList.tsx';
import { Summary } from './Summary.tsx';
import { summarize } from './summary.ts';
import type { PublicProject } from '../../shared/responses/projects.ts';
import { useAsync } from './useAsync.ts';
import { useYears } from './useYears.ts';
import { YearSwitcher } from './YearSwitcher.tsx';

interface Props {
  year: number;
  latest: number | null;
  requested: number | null;
  onChooseYear: (year: number) => void;
  onOpen: (p: PublicProject) => void;
  takeFocus: () => string | null;
}

/** One year: the switcher, the summary and the cards, or why there are none. */
export function YearView({ year, latest, requested, onChooseYear, onOpen, takeFocus }: Props) {
  const years = useYears(latest, requested);
  const [list, retry] = useAsync(`year:${year}`, () => loadYear(year), () => peekYear(year));
  return (
    <>
      <YearSwitcher years={years} current={year} onChoose={onChooseYear} />
      <div data-testid="year-view" data-year={year} data-state={list.state}>
        {list.state === 'loading' && <Loading />}
        {list.state === 'error' && <ErrorNotice error={list.error} onRetry={retry} />}
        {list.state === 'ok' &&
          (list.value.length === 0 ? (
            <EmptyState year={year} />
          ) : (
            <>
              <Summary year={year} county={countyOf(year)} summary={summarize(list.value)} />
              <ProjectList key={year} year={year} projects={list.value} onOpen={onOpen} takeFocus={takeFocus} />
            </>
          ))}
      </div>
      <BallotBoxes year={year} />
    </>
  );
}
