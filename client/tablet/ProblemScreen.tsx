import { useI18n } from '../components/i18n.tsx';
import { Notice } from '../components/Notice.tsx';
import type { PaperProblem } from '../lib/outbox.ts';
import type { WsBallot } from '../../shared/ws.ts';
import { problemText } from './problemText.ts';

/** The server refused the confirmed paper for good; say why, plainly. */
export function ProblemScreen({ ballot, problem }: { ballot: WsBallot; problem: PaperProblem }) {
  const { text, hint } = problemText(useI18n(), problem);
  return (
    <main class="screen center-screen" data-testid="problem-screen" data-code={problem.code}>
      <h1>{ballot.title}</h1>
      <Notice tone="error" testId="problem">
        {text}
      </Notice>
      {hint && <p class="lead">{hint}</p>}
    </main>
  );
}
