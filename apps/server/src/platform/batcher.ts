/**
 * Group commit in the application. Requests that arrive while a batch is being written wait, and
 * go together in the next one: under light load every batch holds one item (no added latency);
 * under load one statement per table, one round trip and one COMMIT serve many requests.
 *
 * `write` must be all or nothing (one database transaction). When a batch of several items fails,
 * nothing of it was written, and each item is written again alone, so one bad item (a claim taken
 * over, credits that do not cover it) fails only its own request, with its own error.
 */
export interface BatcherOptions<I, O> {
  /** Writes the items in one transaction; returns one result per item, in order. */
  write: (items: I[]) => Promise<O[]>;
  /** Most items in one batch. */
  maxSize: number;
  /** Batches written at the same time (each holds one database connection while it runs). */
  concurrency: number;
  /**
   * Items with the same key are never written at the same time: a later one waits for a batch after
   * the one holding the first (two claims of one Idempotency-Key in one statement would be one
   * statement touching one row twice).
   */
  keyOf?: (item: I) => string;
}

export interface Batcher<I, O> {
  submit(item: I): Promise<O>;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export function createBatcher<I, O>(options: BatcherOptions<I, O>): Batcher<I, O> {
  const { write, maxSize, concurrency, keyOf } = options;
  let queue: Waiting<I, O>[] = [];
  let running = 0;
  /** Keys of the items being written now. */
  const writing = new Set<string>();

  const take = (): Waiting<I, O>[] => {
    if (!keyOf) return queue.splice(0, maxSize);
    const batch: Waiting<I, O>[] = [];
    const rest: Waiting<I, O>[] = [];
    for (const w of queue) {
      const key = keyOf(w.item);
      if (batch.length < maxSize && !writing.has(key)) {
        writing.add(key);
        batch.push(w);
      } else rest.push(w);
    }
    queue = rest;
    return batch;
  };

  const settle = async (batch: Waiting<I, O>[]) => {
    try {
      await writeBatch(batch);
    } finally {
      if (keyOf) for (const w of batch) writing.delete(keyOf(w.item));
    }
  };

  const writeBatch = async (batch: Waiting<I, O>[]) => {
    try {
      const results = await Promise.resolve().then(() => write(batch.map((w) => w.item)));
      batch.forEach((w, i) => w.resolve(results[i] as O));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // Nothing of the batch was written: each item alone, so the failure lands where it belongs.
      await Promise.all(
        batch.map((w) =>
          Promise.resolve()
            .then(() => write([w.item]))
            .then(
              (results) => w.resolve(results[0] as O),
              (e: unknown) => w.reject(e),
            ),
        ),
      );
    }
  };

  const pump = () => {
    while (running < concurrency && queue.length > 0) {
      const batch = take();
      if (batch.length === 0) return; // every queued item waits for a key being written
      running++;
      // `settle` settles every item's promise itself and does not reject.
      void settle(batch)
        .catch(() => undefined)
        .finally(() => {
          running--;
          pump();
        });
    }
  };

  return {
    submit: (item) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // Started on the next turn of the event loop, so requests parsed in the same turn share it.
        if (queue.length === 1) setImmediate(pump);
      }),
  };
}

/**
 * Reads by key where the reads of one moment share one statement (`WHERE key = ANY($1)`): `read`
 * gets distinct keys and returns what it found by key; a missing key reads as undefined.
 */
export function createLoader<V>(
  read: (keys: string[]) => Promise<Map<string, V>>,
  options: { maxSize: number; concurrency: number } = { maxSize: 128, concurrency: 4 },
): (key: string) => Promise<V | undefined> {
  const batcher = createBatcher<string, V | undefined>({
    ...options,
    write: async (keys) => {
      const found = await read([...new Set(keys)]);
      return keys.map((k) => found.get(k));
    },
  });
  return (key) => batcher.submit(key);
}
