// One step at a time per n8n instance, within this process. Executions in
// `n8n start` share its event loop: two steps on one credential would
// otherwise both read the same `updatedAt`, and n8n's partial PATCH would
// let the later one drop the earlier one's fields. Held from the step's
// first read to its PATCH, the lock makes the second step read what the
// first wrote. Other processes (`n8n execute`, queue-mode workers, a person
// in the editor) are not held by it: see the README's "Revisions" section.

/** The tail of each key's queue. */
const tails = new Map<string, Promise<void>>();

/** Runs `task` once every earlier task under `key` has finished. */
export async function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	let release: () => void = () => {};
	const done = new Promise<void>((resolve) => {
		release = resolve;
	});
	const tail = previous.then(() => done);
	tails.set(key, tail);
	await previous;
	try {
		return await task();
	} finally {
		release();
		if (tails.get(key) === tail) tails.delete(key);
	}
}
