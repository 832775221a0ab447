// What the action's own tokens resolve from in n8n: the input item's JSON.
// `[Name]` is the item's field `Name`; `[Source:Name]` is the field `Name`
// of the item's object field `Source` (`[body:token]` after a Webhook node).
// n8n's `{{ }}` expressions are resolved by n8n before the action sees a
// parameter; a token is for a value the workflow should not write into a
// parameter, since nothing the action resolves is stored with the workflow.
import type { IDataObject } from 'n8n-workflow';
import type { TokenSource } from './action';

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

/** Tokens from one input item's JSON. */
export class ItemTokens implements TokenSource {
	constructor(private readonly json: IDataObject) {}

	/** `[Name]` → `json.Name`, `[Source:Name]` → `json.Source.Name`; undefined when absent or null. */
	resolve(source: string | undefined, name: string): string | undefined {
		const holder = source === undefined ? this.json : field(this.json, source);
		return tokenText(field(holder, name));
	}
}
