/**
 * Saves of the endpoint's state, one at a time and coalesced: a change asks for a save and
 * waits for one that started after it; while a save runs, every change that arrives waits
 * for the one next save, which writes them all. So the file always follows the state, a
 * burst of changes costs two saves rather than one each, and `idle()` (shutdown) resolves
 * once the last change is on disk.
 */
export class SaveQueue {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly save: () => Promise<void>) {}

  /** Resolves when a save that began after this call has finished (rejects if it failed). */
  request(): Promise<void> {
    if (this.running === undefined) return this.start();
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.start();
      });
    return this.next;
  }

  /** Resolves when no save is running or waiting. */
  async idle(): Promise<void> {
    while (this.running !== undefined || this.next !== undefined) {
      await (this.next ?? this.running)?.catch(() => undefined);
    }
  }

  private start(): Promise<void> {
    const saving = this.save().finally(() => {
      if (this.running === saving) this.running = undefined;
    });
    this.running = saving;
    return saving;
  }
}
