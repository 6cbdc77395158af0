// At most one call every `ms`, and always one after the last poke: a pointer
// that stops moving is sent where it stopped, not where it was 60 ms before.
export class Throttle {
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly run: () => void,
  ) {}

  poke(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.last + this.ms - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.last = Date.now();
      this.run();
    }, wait);
  }
}
