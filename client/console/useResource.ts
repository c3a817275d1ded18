import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get, type ApiError } from './api.ts';

export interface Resource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (null: nothing to load) and again on reload(); an answer to an older request is dropped. */
export function useResource<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: path !== null });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (path === null) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    void get<T>(path).then((res) => {
      if (mine !== seq.current) return;
      setState(res.ok ? { data: res.body, error: null, loading: false } : (s) => ({ data: s.data, error: res.error, loading: false }));
    });
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
