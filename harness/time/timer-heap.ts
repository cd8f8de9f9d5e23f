// The VirtualClock's pending timers, earliest first, ties in the order they were set. A binary
// heap, because a day of simulated traffic can hold tens of thousands of timers.

export interface HeapEntry<T> {
  readonly dueAt: number;
  readonly sequence: number;
  readonly value: T;
}

export class TimerHeap<T> {
  readonly #entries: HeapEntry<T>[] = [];

  get size(): number {
    return this.#entries.length;
  }

  push(entry: HeapEntry<T>): void {
    this.#entries.push(entry);
    let index = this.#entries.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#before(index, parent)) break;
      this.#swap(index, parent);
      index = parent;
    }
  }

  clear(): void {
    this.#entries.length = 0;
  }

  peek(): HeapEntry<T> | undefined {
    return this.#entries[0];
  }

  pop(): HeapEntry<T> | undefined {
    const top = this.#entries[0];
    const last = this.#entries.pop();
    if (top === undefined || last === undefined || this.#entries.length === 0) return top;
    this.#entries[0] = last;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.#entries.length && this.#before(left, smallest)) smallest = left;
      if (right < this.#entries.length && this.#before(right, smallest)) smallest = right;
      if (smallest === index) return top;
      this.#swap(index, smallest);
      index = smallest;
    }
  }

  #before(a: number, b: number): boolean {
    const x = this.#entries[a];
    const y = this.#entries[b];
    if (x === undefined || y === undefined) return false;
    return x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.sequence < y.sequence);
  }

  #swap(a: number, b: number): void {
    const x = this.#entries[a];
    const y = this.#entries[b];
    if (x === undefined || y === undefined) return;
    this.#entries[a] = y;
    this.#entries[b] = x;
  }
}
