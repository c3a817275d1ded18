import type { z } from 'zod';

/** The part of localStorage the screens use; a Map stands in for it in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** Every key held. */
  keys(): string[];
}

export function memoryStore(): KeyValueStore & { dump(): Record<string, string> } {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    keys: () => [...map.keys()],
    dump: () => Object.fromEntries(map),
  };
}

/** Removes every key that starts with `prefix` (all of the page's own keys with prefix ''). */
export function removeAll(store: KeyValueStore, prefix = ''): void {
  for (const key of store.keys()) if (key.startsWith(prefix)) store.removeItem(key);
}

/** localStorage when the page has it (a private window may refuse), otherwise memory for this page's life. */
export function browserStore(): KeyValueStore {
  try {
    const probe = '__piaojue_probe__';
    globalThis.localStorage.setItem(probe, '1');
    globalThis.localStorage.removeItem(probe);
    const ls = globalThis.localStorage;
    return {
      getItem: (key) => ls.getItem(key),
      setItem: (key, value) => ls.setItem(key, value),
      removeItem: (key) => ls.removeItem(key),
      keys: () => Array.from({ length: ls.length }, (_, i) => ls.key(i)).filter((k): k is string => k !== null),
    };
  } catch {
    return memoryStore();
  }
}

/** Reads a JSON value and checks it: a corrupt or outdated entry reads as absent, never as a crash. */
export function readJson<T>(store: KeyValueStore, key: string, schema: z.ZodType<T>): T | null {
  const text = store.getItem(key);
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes synchronously: when this returns, the value is in localStorage (and survives a reload). */
export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  store.setItem(key, JSON.stringify(value));
}
