import { calendarSchema } from '../../../shared/responses/projects.ts';
import { useResource } from '../useResource.ts';
import { href } from '../route.ts';
import { useT } from '../useT.ts';


/** 节点日历: milestones due this month and next, per responsible unit, reached or not (GET /api/projects/calendar). */
export function CalendarPanel() {
  const { t } = useT();
  const cal = useResource('/api/projects/calendar', calendarSchema);
  if (!cal.data) return null;
  return (
    <section class="card" data-testid="milestone-calendar">
      <h2>{t('projects.calendar.title', { date: cal.data.asOf })}</h2>
      {cal.data.months.map((m) => (
        <div key={m.month} data-testid={`calendar-${m.month}`}>
          <h3>{m.month}</h3>
          {m.units.length === 0 && <p class="muted">{t('projects.calendar.none')}</p>}
          <table class="dense">
            <tbody>
              {m.units.flatMap((u) =>
                u.milestones.map((e, i) => (
                  <tr key={`${u.unit}-${e.projectId}-${e.position}`}>
                    <td>{i === 0 ? u.unit : ''}</td>
                    <td>
                      <a href={href({ screen: 'project', projectId: e.projectId })}>{e.name}</a>
                    </td>
                    <td class="mono nowrap">{e.period}</td>
                    <td>{e.text}</td>
                    <td class="nowrap">
                      {e.reached ? <span class="pill pill-ok">{t('projects.calendar.reached')}</span> : e.overdue ? <span class="pill pill-bad">{t('projects.ms.overdue')}</span> : <span class="muted">{t('projects.calendar.due', { date: e.due })}</span>}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
