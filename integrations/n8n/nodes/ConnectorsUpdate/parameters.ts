// The node's parameters, made from the action's descriptor (`describe()`,
// kept in descriptor.json); the step the action runs, made from the
// parameters' values; and the output item, made from the outcome. Nothing
// here knows a parameter by name: each descriptor kind has one n8n
// parameter type, and each descriptor key one n8n parameter name.
import type { IDataObject, INodeProperties, INodePropertyOptions, NodeParameterValueType } from 'n8n-workflow';
import type { Descriptor, Outcome } from './action';

/** One parameter of the descriptor. */
export type DescriptorParameter = Descriptor['parameters'][number];

/** The descriptor fields the node is built from, as descriptor.json holds them. */
export type NodeDescriptor = Pick<Descriptor, 'actionType' | 'version' | 'title' | 'summary' | 'parameters' | 'outputs'>;

/** The n8n name of a descriptor parameter: `connector` for the connector reference, else the key in lowerCamelCase. */
export function parameterName(parameter: DescriptorParameter): string {
	if (parameter.kind === 'connector-reference') return 'connector';
	return parameter.key.charAt(0).toLowerCase() + parameter.key.slice(1);
}

/** The name of the list method that fills the connector picker. */
export const SEARCH_CREDENTIALS = 'searchCredentials';

/** "Merge mode" as n8n writes a label: "Merge Mode". */
function titleCase(label: string): string {
	return label.replace(/(^|\s)([a-z])/g, (_, space: string, letter: string) => space + letter.toUpperCase());
}

/** The descriptor's default (JSON text), or `fallback` where it has none. */
function defaultOf(parameter: DescriptorParameter, fallback: NodeParameterValueType): NodeParameterValueType {
	const value = JSON.parse(parameter.defaultValue) as NodeParameterValueType;
	return value ?? fallback;
}

/** The n8n parameter for one descriptor parameter. */
export function nodeProperty(parameter: DescriptorParameter): INodeProperties {
	const common = {
		displayName: titleCase(parameter.label),
		name: parameterName(parameter),
		description: parameter.help,
		...(parameter.required ? { required: true } : {}),
	};
	switch (parameter.kind) {
		case 'connector-reference':
			return {
				...common,
				type: 'resourceLocator',
				default: { mode: 'list', value: defaultOf(parameter, '') },
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: SEARCH_CREDENTIALS, searchable: true },
					},
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. QmCZ0sRJTPwGb3Ku' },
					{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. Twitter API' },
				],
			};
		case 'name-value-list':
			return {
				...common,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				placeholder: 'Add Property',
				default: {},
				options: [
					{
						displayName: 'Property',
						name: 'property',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. apiKey',
								description: "A field of the credential's type, as n8n names it (case-sensitive)",
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								typeOptions: { password: true },
								default: '',
								description:
									"The new value. In text typed here, tokens such as [Name] are replaced from the input item's fields; a value from an expression is taken as it is. Masked in the editor only: a value typed here is stored with the workflow",
							},
						],
					},
				],
			};
		case 'json-object':
			return { ...common, type: 'json', default: defaultOf(parameter, '') };
		case 'choice':
			return {
				...common,
				type: 'options',
				options: parameter.choices.map((choice): INodePropertyOptions => ({ name: titleCase(choice), value: choice })),
				default: defaultOf(parameter, parameter.choices[0] ?? ''),
			};
		case 'unsigned-integer':
			return { ...common, type: 'string', default: defaultOf(parameter, ''), placeholder: 'e.g. 1765108800000' };
		case 'boolean':
			return { ...common, type: 'boolean', default: defaultOf(parameter, false) };
		default:
			return { ...common, type: 'string', default: defaultOf(parameter, '') };
	}
}

/** Every parameter of the node, in the descriptor's order. */
export function nodeProperties(descriptor: NodeDescriptor): INodeProperties[] {
	return descriptor.parameters.map(nodeProperty);
}

/** A parameter's value as n8n resolved it, and as the user wrote it (an expression starts with `=`). */
export interface ParameterValue {
	value: unknown;
	raw: unknown;
}

/** The token source of the values n8n resolved from expressions: `[expression:Properties.0.PropertyValue]`. */
export const EXPRESSION_SOURCE = 'expression';

/**
 * The values n8n resolved from `{{ }}` expressions, each handed to the
 * action as a token that stands for it. The action inserts a token's value
 * as it is and never reads it as a template, so a resolved secret holding
 * `[x]` or `&#91;` reaches the credential unchanged and never an error
 * message (an error shows the token, `[expression:PropertiesJson]`).
 */
export class ExpressionValues {
	private readonly values = new Map<string, string>();

	/** The token that stands for `value` in the step, by the parameter path `path`. */
	token(path: string, value: string): string {
		this.values.set(path, value);
		return `[${EXPRESSION_SOURCE}:${path}]`;
	}

	/** The value a token stands for; undefined for a path no expression gave. */
	get(path: string): string | undefined {
		return this.values.get(path);
	}
}

/** Whether the user wrote `raw` as an n8n expression. */
function isExpression(raw: unknown): boolean {
	return typeof raw === 'string' && raw.startsWith('=');
}

/** Text of a parameter value: objects as JSON (an expression may give one), the rest as they are. */
function text(value: unknown): string {
	if (value === null || value === undefined) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A name-value-list parameter's rows as n8n holds them. */
interface Rows {
	property?: { name?: unknown; value?: unknown }[];
}

/**
 * A step parameter's value from its n8n value, or undefined to leave it
 * out. Text from an expression goes in as a token (`values`); literal text
 * goes in as it is, so the action's own tokens in it are resolved.
 */
function stepValue(parameter: DescriptorParameter, { value, raw }: ParameterValue, values: ExpressionValues): unknown {
	const key = parameter.key;
	switch (parameter.kind) {
		case 'connector-reference':
			// A picked, typed or computed reference is literal: a credential
			// named "Gmail [work]" is found by that name.
			return value === '' || value === undefined || value === null ? '' : values.token(key, text(value));
		case 'name-value-list': {
			const rawRows = (raw as Rows | undefined)?.property ?? [];
			return ((value as Rows | undefined)?.property ?? []).map((row, index) => {
				const field = (name: 'name' | 'value', stepKey: string): unknown =>
					isExpression(rawRows[index]?.[name])
						? values.token(`${key}.${index}.${stepKey}`, text(row[name]))
						: row[name];
				return { PropertyName: field('name', 'PropertyName'), PropertyValue: field('value', 'PropertyValue') };
			});
		}
		case 'json-object':
			if (value === '' || value === undefined || value === null) return undefined;
			return isExpression(raw) || typeof value === 'object' ? values.token(key, text(value)) : value;
		case 'unsigned-integer':
			return value === '' || value === undefined || value === null ? undefined : value;
		case 'boolean':
			// An expression that gives no boolean is refused by the action
			// (fail closed: a missing Dry Run must not write).
			return typeof value === 'boolean' ? value : text(value);
		default:
			return value;
	}
}

/**
 * The step file's object for one item: `{ ActionType, Parameters }` with
 * each descriptor key, from `read(name)` (the item's n8n parameter). The
 * action itself checks every value and names the field it refuses.
 */
export function stepFromParameters(
	descriptor: NodeDescriptor,
	read: (name: string) => ParameterValue,
	values: ExpressionValues,
): object {
	const parameters: Record<string, unknown> = {};
	for (const parameter of descriptor.parameters) {
		const value = stepValue(parameter, read(parameterName(parameter)), values);
		if (value !== undefined) parameters[parameter.key] = value;
	}
	return { ActionType: descriptor.actionType, Parameters: parameters };
}

/** The outcome as the descriptor names its outputs (`revision_before`, …): names only, never a value. */
export function outputOf(descriptor: NodeDescriptor, outcome: Outcome): IDataObject {
	const output: IDataObject = {};
	for (const { key } of descriptor.outputs) {
		const camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof Outcome;
		output[key] = outcome[camel];
	}
	return output;
}
