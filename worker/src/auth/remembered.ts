// What authentication read from the directory, kept per isolate for a few
// seconds: a burst of calls costs one read, and a removed agent, a changed
// role or a replaced secret or key takes effect within AGENT_CACHE_MS.
// Where a change must apply at once (a revoked token, a deactivated agent, a
// rotated token key), the isolate that made it forgets the entries at once
// (forgetRemembered); other isolates follow within AGENT_CACHE_MS.
import { now } from '../clock';

const AGENT_CACHE_MS = 5_000;
export type Remembered<T> = Map<string, { at: number; value: T }>;

export async function remembered<T>(cache: Remembered<T>, key: string, load: (at: number) => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  const at = now();
  if (hit && at - hit.at < AGENT_CACHE_MS) return hit.value;
  const value = await load(at);
  if (cache.size >= 1000) cache.clear();
  cache.set(key, { at, value });
  return value;
}

/** Drop every entry whose key starts with `prefix`, so the next read goes to the directory. */
export function forgetRemembered<T>(cache: Remembered<T>, prefix: string): void {
  for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
}
