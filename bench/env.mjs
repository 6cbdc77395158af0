// The bench's sizes from the environment (BENCH_…): a whole number at least
// `min`, or the default; anything else stops the step with the variable named.

/** process.env[name] as a whole number ≥ min (fallback when unset); throws naming the variable otherwise. */
export function wholeNumber(name, fallback, min) {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < min) throw new Error(`bench: ${name} must be a whole number ≥ ${min}, not "${process.env[name]}"`);
  return v;
}
