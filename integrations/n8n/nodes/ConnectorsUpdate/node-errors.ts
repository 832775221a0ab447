// The action's typed errors as n8n's: a NodeOperationError that keeps the
// code and the field, and the same as an output item under "Continue On
// Fail". The action's messages name fields and properties, never a value.
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import type { Package } from './action';

/** A failure as an output item holds it: `{ code, message, field?, … }`. */
export type Failure = IDataObject & { code: string; message: string };

/** The action's error as a failure; undefined for an error that is not the action's. */
export function failureOf(pkg: Package, error: unknown): Failure | undefined {
	if (!(error instanceof pkg.ConnectorsUpdateError)) return undefined;
	return { ...(error.details as IDataObject), code: error.code, message: error.message };
}

/**
 * What n8n shows under the message: the code, the field (the action names
 * it by its step key, `PropertiesJson`; the label the node shows is added,
 * "Dynamic Properties"), and whether a rerun may help.
 */
function descriptionOf(failure: Failure, retryable: boolean, labels: Map<string, string>): string {
	// The field, or the step key the message starts with ("EntryId: no connector …").
	const path = typeof failure.field === 'string' ? failure.field : /^([A-Za-z]+)[:[.]/.exec(failure.message)?.[1];
	const key = path !== undefined ? /^[A-Za-z]+/.exec(path)?.[0] : undefined;
	const label = key !== undefined ? labels.get(key) : undefined;
	const field = path !== undefined && label ? ` in ${path}${label !== key ? ` (${label})` : ''}` : '';
	const property = typeof failure.property === 'string' ? ` (property '${failure.property}')` : '';
	const rerun = retryable ? ' Running the step again may succeed.' : '';
	return `error[${failure.code}]${field}${property}.${rerun}`;
}

/**
 * The n8n error for a failure of item `itemIndex`; its context holds the
 * failure's fields. `labels` maps a step key to the parameter's label.
 */
export function nodeError(
	node: INode,
	failure: Failure,
	itemIndex: number,
	retryable: boolean,
	labels: Map<string, string>,
): NodeOperationError {
	const error = new NodeOperationError(node, failure.message, {
		itemIndex,
		description: descriptionOf(failure, retryable, labels),
	});
	Object.assign(error.context, failure);
	return error;
}
