import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * How the Connectors Update node reaches n8n's public API: the same two
 * fields as n8n's own "n8n API" credential. The node may not reuse that one
 * (community nodes name only their own credential types), so it ships this.
 * The key's scopes decide what the node can do: `credential:list` and
 * `credential:read` to find a credential, `credential:update` to write it.
 */
export class ConnectorsUpdateN8nApi implements ICredentialType {
	name = 'connectorsUpdateN8nApi';

	displayName = 'Connectors Update API';

	icon: Icon = { light: 'file:connectorsUpdate.svg', dark: 'file:connectorsUpdate.dark.svg' };

	documentationUrl =
		'https://github.com/connectors-update/connectors-update/tree/main/integrations/n8n#what-it-needs';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'An n8n API key (Settings > n8n API) with the scopes credential:list, credential:read and credential:update',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://<name>.app.n8n.cloud/api/v1',
			description: "The n8n instance's public API, ending in /api/v1",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-N8N-API-KEY': '={{$credentials.apiKey}}',
			},
		},
	};

	/** Lists one credential: proves the URL, the key and its credential:list scope. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(new RegExp("/$"), "")}}',
			url: '/credentials',
			qs: { limit: 1 },
		},
	};
}
