// Runs async work one piece at a time, in call order. The portal sends through one of these, so two
// dispatch() calls cannot both pick up the same AKSEPTERT report and send it twice, and ticks
// through another, so one read-back is never asked twice at once.
export type SerialQueue = <T>(work: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    // A failed piece must not stop the ones after it; its caller still gets the rejection.
    tail = run.catch(() => undefined);
    return run;
  };
}
