// n8n's own command line, run beside the server on the same database:
// workflows in, workflows run headlessly, credentials out decrypted.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

let files = 0;

/**
 * `n8n import:workflow --input=<file>`: stores the workflow (with its own
 * `id`) inactive, owned by the instance owner. Rejects when n8n fails.
 */
export async function importWorkflow(n8n, workflow) {
  const file = join(n8n.folder, `workflow-${++files}.json`);
  await writeFile(file, JSON.stringify({ active: false, settings: {}, ...workflow }));
  const res = await n8n.cli(['import:workflow', `--input=${file}`]);
  await rm(file, { force: true });
  if (res.code !== 0) throw new Error(`import:workflow ${workflow.id} failed (${res.code}):\n${res.stdout}\n${res.stderr}`);
  return res;
}

/**
 * `n8n execute --id=<id> --rawOutput`: runs the workflow in a process of its
 * own (the way a scheduler would) and resolves `{ code, ms, stdout, stderr }`.
 * A failed run exits non-zero. The execution is stored: read it through the
 * public API (`lastExecution`).
 */
export function executeWorkflow(n8n, id) {
  return n8n.cli(['execute', `--id=${id}`, '--rawOutput']);
}

/**
 * How an `n8n execute` run ended, for assertions: its exit code; or, when
 * the process was ended by a signal (seen once in CI, on a machine under
 * load, as n8n shut down after the run), the code its stored execution's
 * status stands for (success 0, error 1; none stored: null), with a line
 * saying so. `execution` is the run's, read back through the API.
 */
export function exitCode(res, execution) {
  if (res.code !== null) return res.code;
  const status = execution?.status ?? 'none stored';
  console.log(`# n8n execute ended by ${res.signal}; its execution: ${status}`);
  return { success: 0, error: 1 }[execution?.status] ?? null;
}

/**
 * `n8n export:credentials --all --decrypted`: every credential with its
 * plain data, as a Map from id to `{ id, name, type, data, updatedAt }`.
 * The export file is removed at once; nothing of it is printed.
 */
export async function exportCredentials(n8n) {
  const file = join(n8n.folder, `credentials-${++files}.json`);
  const res = await n8n.cli(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
  if (res.code !== 0) throw new Error(`export:credentials failed (${res.code}):\n${res.stderr}`);
  try {
    const list = JSON.parse(await readFile(file, 'utf8'));
    return new Map(list.map((c) => [c.id, { id: c.id, name: c.name, type: c.type, data: c.data, updatedAt: c.updatedAt }]));
  } finally {
    await rm(file, { force: true });
  }
}
