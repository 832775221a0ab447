// The node's parameters, made from the action's descriptor (`describe()`,
// kept in descriptor.json), and the step the action runs, made from the
// parameters' values. Nothing here knows a parameter by name: each
// descriptor kind has one n8n parameter type, and each descriptor key one
// n8n parameter name.
import type { INodeProperties, INodePropertyOptions, NodeParameterValueType } from 'n8n-workflow';
import type { Descriptor } from './action';

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
								description: 'The new value; tokens such as [token] are replaced from the input item',
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

/** A name-value-list parameter's rows as n8n holds them. */
interface Rows {
	property?: { name?: unknown; value?: unknown }[];
}

/** Text of a parameter value: objects as JSON (an expression may give one), the rest as they are. */
function text(value: unknown): unknown {
	return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

/** A step parameter's value from its n8n value, or undefined to leave it out. */
function stepValue(parameter: DescriptorParameter, value: unknown): unknown {
	switch (parameter.kind) {
		case 'name-value-list':
			return ((value as Rows | undefined)?.property ?? []).map((row) => ({
				PropertyName: row.name,
				PropertyValue: text(row.value),
			}));
		case 'json-object':
			return value === '' || value === undefined ? undefined : text(value);
		case 'unsigned-integer': {
			if (value === '' || value === undefined || value === null) return undefined;
			// A revision in milliseconds fits a double exactly; any other text
			// goes to the action as it is, which names the field it refuses.
			return typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value;
		}
		default:
			return value;
	}
}

/**
 * The step file's object for one item: `{ ActionType, Parameters }` with
 * each descriptor key, from `read(name)` (the item's n8n parameter value).
 * The action itself checks every value and names the field it refuses.
 */
export function stepFromParameters(descriptor: NodeDescriptor, read: (name: string) => unknown): object {
	const parameters: Record<string, unknown> = {};
	for (const parameter of descriptor.parameters) {
		const value = stepValue(parameter, read(parameterName(parameter)));
		if (value !== undefined) parameters[parameter.key] = value;
	}
	return { ActionType: descriptor.actionType, Parameters: parameters };
}
