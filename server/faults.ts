/**
 * Crash points for the crash tests, and nothing else: with PIAOJUE_FAULT=point:n the process kills itself
 * (SIGKILL, no cleanup, as a power cut would) the n-th time it passes that point. Unset, it costs one call.
 */
export type FaultPoint = 'paper-before-commit' | 'paper-after-commit' | 'close-before-commit' | 'opening-after-commit';
export type Fault = (point: FaultPoint) => void;

export const noFault: Fault = () => {};

export function faultFromEnv(spec: string | undefined): Fault {
  if (!spec) return noFault;
  const m = /^(paper-before-commit|paper-after-commit|close-before-commit|opening-after-commit):(\d+)$/.exec(spec);
  if (!m) throw new Error(`PIAOJUE_FAULT must be point:n with point one of paper-before-commit, paper-after-commit, close-before-commit, opening-after-commit`);
  const [, target, nth] = m;
  let seen = 0;
  return (point) => {
    if (point === target && ++seen === Number(nth)) process.kill(process.pid, 'SIGKILL');
  };
}
