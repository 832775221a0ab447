import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { loadPackage } from './action';
import descriptor from './descriptor.json';
import { N8nApi, type Http } from './n8n-api';
import { failureOf, nodeError } from './node-errors';
import { ItemTokens } from './item-tokens';
import {
	ExpressionValues,
	nodeProperties,
	outputOf,
	SEARCH_CREDENTIALS,
	stepFromParameters,
	type NodeDescriptor,
} from './parameters';
import { runStep } from './run-step';
import type { CredentialKind } from './credential-kind';

/** The credential type the node reaches n8n's API with. */
const API_CREDENTIAL = 'connectorsUpdateN8nApi';

/** How long one request to n8n's API may take: a step holds the instance's lock meanwhile. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The action's descriptor, as the build wrote it from `describe()`. */
const DESCRIPTOR = descriptor as NodeDescriptor;

/** Each step key's label, as the node shows the parameter: EntryId → Connector. */
const LABELS = new Map(nodeProperties(DESCRIPTOR).map((property, i) => [DESCRIPTOR.parameters[i].key, property.displayName]));

/** n8n's API over the node's credential, every answer returned with its status. */
async function n8nApi(context: IExecuteFunctions | ILoadOptionsFunctions): Promise<{ api: N8nApi; instance: string }> {
	const credentials = await context.getCredentials(API_CREDENTIAL);
	const instance = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const http: Http = async ({ method, path, qs, body }) => {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, API_CREDENTIAL, {
			method,
			url: `${instance}${path}`,
			qs,
			body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REQUEST_TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
		return { status: response.statusCode, body: response.body };
	};
	return { api: new N8nApi(http), instance };
}

/**
 * Connectors Update: updates a credential stored in this n8n with the
 * Connectors.Update action, on n8n's own credentials through its API.
 */
export class ConnectorsUpdate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Connectors Update',
		name: 'connectorsUpdate',
		icon: { light: 'file:connectorsUpdate.svg', dark: 'file:connectorsUpdate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"Update " + ($parameter["connector"].cachedResultName || $parameter["connector"].value)}}',
		description: DESCRIPTOR.summary,
		defaults: { name: 'Connectors Update' },
		// n8n's rules ask every node to be usable as an AI agent's tool, and
		// its types allow no `false`; an agent given this node can rewrite the
		// credentials its API key reaches (the README says so).
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: API_CREDENTIAL, required: true }],
		properties: nodeProperties(DESCRIPTOR),
	};

	methods = {
		listSearch: {
			/** The credentials the API key may see, filtered by name, for the connector picker. */
			async [SEARCH_CREDENTIALS](this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
				const { api } = await n8nApi(this);
				const wanted = filter?.toLowerCase();
				const results = (await api.credentials())
					.filter((entry) => !wanted || entry.name.toLowerCase().includes(wanted))
					.sort((a, b) => a.name.localeCompare(b.name))
					.map((entry) => ({ name: `${entry.name} (${entry.type})`, value: entry.id }));
				return { results };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const { pkg, action } = await loadPackage();
		const { api, instance } = await n8nApi(this);
		const kinds = new Map<string, CredentialKind | null>();
		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const expressions = new ExpressionValues();
				const step = stepFromParameters(
					DESCRIPTOR,
					(name) => ({
						value: this.getNodeParameter(name, itemIndex, undefined, { extractValue: true }),
						raw: this.getNodeParameter(name, itemIndex, undefined, { rawExpressions: true }),
					}),
					expressions,
				);
				const tokens = new ItemTokens(items[itemIndex].json, expressions);
				const outcome = await runStep({ pkg, action, api, tokens, instance, kinds }, JSON.stringify(step));
				returnData.push({ json: outputOf(DESCRIPTOR, outcome), pairedItem: { item: itemIndex } });
			} catch (error) {
				// The action's errors keep their code and fields; anything else
				// (an expression n8n could not resolve, say) keeps n8n's message.
				const failure = failureOf(pkg, error);
				if (this.continueOnFail()) {
					const json = failure ?? { message: (error as Error).message };
					returnData.push({ json: { error: json }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw failure
					? nodeError(this.getNode(), failure, itemIndex, (error as { retryable?: boolean }).retryable === true, LABELS)
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
		return [returnData];
	}
}
