import { useEffect, useState } from 'preact/hooks';
import { probeYears } from './api.ts';

/** The years to offer: the latest, any found by probing back from it, and the one asked for in the URL. */
export function useYears(latest: number | null, requested: number | null): number[] {
  const [found, setFound] = useState<number[]>([]);
  useEffect(() => {
    if (latest === null) return;
    let current = true;
    void probeYears(latest, (y) => current && setFound((ys) => (ys.includes(y) ? ys : [...ys, y])));
    return () => {
      current = false;
    };
  }, [latest]);
  const all = new Set(found);
  if (latest !== null) all.add(latest);
  if (requested !== null) all.add(requested);
  return [...all].sort((a, b) => b - a);
}
