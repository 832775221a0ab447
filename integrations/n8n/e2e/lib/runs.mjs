// What a workflow run left behind, read back through the public API.

/**
 * The newest execution of a workflow, with its data (`includeData`).
 * Rejects when the workflow has none.
 */
export async function lastExecution(api, workflowId) {
  const all = await api.executions({ workflowId, includeData: true });
  if (all.length === 0) throw new Error(`workflow ${workflowId} has no execution`);
  return all.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a));
}

/**
 * One node's first run in an execution: `{ items, error, status }`, where
 * `items` are the JSON of its first output's items and `error` its error
 * (message, description, ...) when it failed.
 */
export function nodeRun(execution, nodeName) {
  const run = execution?.data?.resultData?.runData?.[nodeName]?.[0];
  if (!run) return { items: [], error: execution?.data?.resultData?.error ?? null, status: 'not run' };
  return {
    items: (run.data?.main?.[0] ?? []).map((item) => item.json),
    error: run.error ?? null,
    status: run.executionStatus ?? null,
  };
}
