// A credential type's schema as the action's kind rules, and what the
// rules cannot say but n8n will check: a value among an option field's
// choices, a number field holding a number. n8n's schema does not say which
// fields are passwords, and n8n never answers a credential's data, so every
// field is a secret: the action can set one, never read it.
import type { KindRules, PropertyRule, Violation } from './action';
import type { CredentialSchema } from './n8n-api';

/** One data field of a credential type. */
export interface Field {
	/** n8n's own type name: string, number, boolean, json, options' string, … */
	type: string;
	/** An options field's values. */
	choices?: string[];
}

/** A credential type: the action's rules, and the fields n8n checks on a write. */
export interface CredentialKind {
	rules: KindRules;
	fields: Map<string, Field>;
}

/** Field types that hold no data (a notice is text on the form). */
const NO_DATA = new Set(['notice']);

/** The action's format for an n8n field type. */
function formatOf(field: Field): PropertyRule['format'] {
	switch (field.type) {
		case 'boolean':
			return 'boolean';
		case 'collection':
		case 'fixedCollection':
			return 'json-object';
		default:
			return 'text';
	}
}

/** What a field's help says: its n8n type, and its choices when it has some. */
function helpOf(field: Field): string {
	const choices = field.choices ? `: one of ${field.choices.join(', ')}` : '';
	return `n8n ${field.type} field${choices}; secret, since n8n never answers a credential's data`;
}

/** The kind a credential type's schema describes. */
export function credentialKind(type: string, schema: CredentialSchema): CredentialKind {
	const required = new Set(schema.required ?? []);
	const fields = new Map<string, Field>();
	const properties: PropertyRule[] = [];
	for (const [name, property] of Object.entries(schema.properties ?? {})) {
		const fieldType = typeof property.type === 'string' ? property.type : 'string';
		if (NO_DATA.has(fieldType)) continue;
		const field: Field = Array.isArray(property.enum)
			? { type: fieldType, choices: property.enum.map(String) }
			: { type: fieldType };
		fields.set(name, field);
		properties.push({
			name,
			required: required.has(name),
			secret: true,
			format: formatOf(field),
			immutable: false,
			help: helpOf(field),
		});
	}
	return {
		rules: {
			kind: type,
			help: `n8n's ${type} credential type`,
			properties,
			allowUnknown: schema.additionalProperties !== false,
		},
		fields,
	};
}

/** A number as n8n's number fields take it: decimal, no exponent, no hex. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Whether `text` is JSON. */
function parses(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * How `value` breaks what n8n checks of `name` (or, for a JSON field, what
 * would break the credential when used): an unknown field, its choices, a
 * number's form, JSON text. Names no value.
 */
export function fieldViolations(kind: CredentialKind, name: string, value: string): Violation[] {
	const field = kind.fields.get(name);
	if (!field) {
		return kind.rules.allowUnknown
			? []
			: [{ property: name, rule: 'allow-unknown', message: `'${name}' is no field of ${kind.rules.kind}` }];
	}
	if (field.choices && !field.choices.includes(value)) {
		return [{ property: name, rule: 'choices', message: `'${name}' must be one of ${field.choices.join(', ')}` }];
	}
	if (field.type === 'number' && !DECIMAL.test(value)) {
		return [{ property: name, rule: 'format', message: `'${name}' must be a number, such as 30 or 2.5` }];
	}
	if (field.type === 'json' && !parses(value)) {
		return [{ property: name, rule: 'format', message: `'${name}' must be JSON text` }];
	}
	return [];
}

/** A value as n8n stores the field: numbers as numbers, booleans as booleans, objects parsed. */
export function fieldValue(kind: CredentialKind, name: string, value: string): unknown {
	const field = kind.fields.get(name);
	switch (field?.type) {
		case 'number':
			return Number(value);
		case 'boolean':
			return value === 'true';
		case 'collection':
		case 'fixedCollection':
			return JSON.parse(value) as unknown;
		default:
			return value;
	}
}
