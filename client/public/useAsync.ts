import { useCallback, useEffect, useState } from 'preact/hooks';
import { LoadError } from './api.ts';

export type Async<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: LoadError };

/**
 * Runs `load` whenever `key` changes and keeps only the latest answer; `peek` supplies a value already at hand so
 * a cached year renders at once. `retry` runs the load again.
 */
export function useAsync<T>(key: string, load: () => Promise<T>, peek?: () => T | undefined): [Async<T>, () => void] {
  const initial = (): Async<T> => {
    const known = peek?.();
    return known === undefined ? { state: 'loading' } : { state: 'ok', value: known };
  };
  const [result, setResult] = useState<{ key: string; value: Async<T> }>(() => ({ key, value: initial() }));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    const known = peek?.();
    if (known !== undefined) {
      setResult({ key, value: { state: 'ok', value: known } });
      return;
    }
    setResult({ key, value: { state: 'loading' } });
    load().then(
      (value) => current && setResult({ key, value: { state: 'ok', value } }),
      (err: unknown) => current && setResult({ key, value: { state: 'error', error: err instanceof LoadError ? err : new LoadError({ kind: 'bad_data' }) } }),
    );
    return () => {
      current = false;
    };
    // `load` and `peek` are fresh closures each render; `key` names what they load.
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // Between a key change and its effect, show the new key's state, never the old key's answer.
  return [result.key === key ? result.value : initial(), retry];
}
