export const LIMITS: { gzipBytes: number; rawBytes: number; startupMs: number };
export function activeStartupMs(profile: { nodes: Array<{ id: number; callFrame: { functionName: string } }>; samples: number[]; timeDeltas: number[] }): number;
export function bundleSizes(dir: string): { raw: number; gzip: number };
export function profiledBundle(work: string, name: string, deployArgs: string[]): { nodes: Array<{ id: number; callFrame: { functionName: string } }>; samples: number[]; timeDeltas: number[] };
