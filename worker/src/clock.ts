// One place to read the time, so tests can move it (vi.setSystemTime) and
// every rule sees the same clock.
export const now = (): number => Date.now();
