/**
 * How many server crashes are restarted: at most `max` within `windowMs`. Past that the server
 * stays down with one clear message instead of a loop of error popups.
 */
export class CrashBudget {
  private crashes: number[] = [];

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Records a crash at `now`; true if the server may be restarted. */
  crashed(now: number): boolean {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.max;
  }

  reset(): void {
    this.crashes = [];
  }
}
