// Waits for something that is not on the screen (a call Parley received, an
// action HubSpot was asked for). HubSpot's waitFor re-checks only when the
// rendered tree changes, which a call or an action need not do.
export async function eventually(check: () => void, timeoutMs = 1_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
