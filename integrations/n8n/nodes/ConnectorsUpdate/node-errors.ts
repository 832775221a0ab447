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

/** What n8n shows under the message: the code, the field, and whether a rerun may help. */
function descriptionOf(failure: Failure, retryable: boolean): string {
	const field = typeof failure.field === 'string' ? ` in ${failure.field}` : '';
	const property = typeof failure.property === 'string' ? ` (property '${failure.property}')` : '';
	const rerun = retryable ? ' Running the step again may succeed.' : '';
	return `error[${failure.code}]${field}${property}.${rerun}`;
}

/** The n8n error for a failure of item `itemIndex`; its context holds the failure's fields. */
export function nodeError(node: INode, failure: Failure, itemIndex: number, retryable: boolean): NodeOperationError {
	const error = new NodeOperationError(node, failure.message, {
		itemIndex,
		description: descriptionOf(failure, retryable),
	});
	Object.assign(error.context, failure);
	return error;
}
