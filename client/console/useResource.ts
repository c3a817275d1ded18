import type { z } from 'zod';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get, type ApiError } from './api.ts';

export interface Resource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` (null: nothing to load) and again on reload(), reading the answer with the route's schema
 * (shared/responses/); an answer to an older request is dropped.
 */
export function useResource<S extends z.ZodType>(path: string | null, schema: S): Resource<z.output<S>> {
  type T = z.output<S>;
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: path !== null });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (path === null) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    void get(path, schema).then((res) => {
      if (mine !== seq.current) return;
      setState(res.ok ? { data: res.body, error: null, loading: false } : (s) => ({ data: s.data, error: res.error, loading: false }));
    });
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
