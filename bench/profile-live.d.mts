import type { StartupProfile } from './startup.d.mts';

/** JavaScript time per POST by area (ms), and the longest garbage collection without a break (ms). */
export interface LiveAreas {
  activeMs: number;
  longestGcMs: number;
  areas: Array<{ name: string; ms: number }>;
}
/** A V8 CPU profile as workerd's inspector returns it (the same shape as a startup profile). */
export function liveAreas(profile: StartupProfile, sourceMap: unknown, posts: number): LiveAreas;
