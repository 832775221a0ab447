// What the action's own tokens resolve from in n8n: the input item's JSON.
// `[Name]` is the item's field `Name`; `[Source:Name]` is the field `Name`
// of the item's object field `Source` (`[body:token]` after a Webhook node).
// n8n's `{{ }}` expressions are resolved by n8n before the action sees a
// parameter, and each value they give reaches the action as a token of the
// source `expression` (parameters.ts), which stands for that value alone.
import type { IDataObject } from 'n8n-workflow';
import type { TokenSource } from './action';
import { EXPRESSION_SOURCE, type ExpressionValues } from './parameters';

/** A token's text from a JSON value: text as it is, numbers and booleans as text, objects as JSON. */
function tokenText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** Own fields only: `[constructor]` or `[__proto__]` is no token. */
function field(object: unknown, name: string): unknown {
	if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
	return Object.prototype.hasOwnProperty.call(object, name) ? (object as Record<string, unknown>)[name] : undefined;
}

/** Tokens from one input item's JSON, and the values of the step's expressions. */
export class ItemTokens implements TokenSource {
	constructor(
		private readonly json: IDataObject,
		private readonly expressions?: ExpressionValues,
	) {}

	/**
	 * `[expression:Path]` → the value n8n gave the expression at that
	 * parameter path (an item's field of that name is never read for it);
	 * `[Name]` → `json.Name`, `[Source:Name]` → `json.Source.Name`;
	 * undefined when absent or null.
	 */
	resolve(source: string | undefined, name: string): string | undefined {
		if (source === EXPRESSION_SOURCE) return this.expressions?.get(name);
		const holder = source === undefined ? this.json : field(this.json, source);
		return tokenText(field(holder, name));
	}
}
