import { makeApp, type TestApp } from './app.ts';
import { fixtureText } from './hall.ts';

// Qinshui's 2022 完成情况 (fixtures/qinshui-2022-completed.json) and the app the completion-report tests import it
// into: the two files that test the 2022 report share both.

/** One completed project of the fixture: investment in 万元 (null where the source gives none), outputs by unit. */
export interface Completed {
  category: string;
  name: string;
  investmentWan: number | null;
  outputs: Record<string, number>;
  text: string;
}

/** The fixture as parsed JSON (a fresh copy each call): the year and its twelve projects, in source order. */
export function completed2022(): { year: number; projects: Completed[] } {
  return JSON.parse(fixtureText('qinshui-2022-completed.json')) as { year: number; projects: Completed[] };
}

/** An in-process app whose clock stands at 2023-02-21 09:00 (+08:00), with an operator signed in (its cookie). */
export async function operatorAppIn2023(): Promise<{ t: TestApp; cookie: string }> {
  const now = Date.parse('2023-02-21T09:00:00+08:00');
  const t = await makeApp({ now: () => now });
  return { t, cookie: (await t.as('operator')).cookie };
}
