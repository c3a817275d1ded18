import { useSession } from '../useSession.ts';
import { CalendarPanel } from './CalendarPanel.tsx';
import { ReviewQueuePanel } from './ReviewQueuePanel.tsx';

/** Below the year's list: the review queue (secretariat and scrutineers) and the milestone calendar (everyone). */
export function YearPanels({ year }: { year: number | null }) {
  const isUnit = useSession().account?.role === 'unit';
  return (
    <>
      {!isUnit && <ReviewQueuePanel year={year} />}
      <CalendarPanel />
    </>
  );
}
