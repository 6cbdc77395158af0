// Runs fn(i) for every i < count with at most `limit` running at once, and
// returns the results in order: how the benches start many sessions without
// opening them all at the same moment.
export async function pool(count, limit, fn) {
  const out = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}
