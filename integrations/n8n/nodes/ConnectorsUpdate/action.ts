// The one door to the `connectors-update` npm package: the action's
// WebAssembly component and its jco glue, bundled inside this package's own
// node_modules (see package.json's bundleDependencies). The package is ESM
// and n8n loads nodes as CommonJS, so it is reached with a dynamic import,
// by a relative path: n8n's rules for community nodes allow no bare import
// of a package that is not n8n's own.
import type * as ConnectorsUpdate from '../../node_modules/connectors-update/src/index.js' with { 'resolution-mode': 'import' };

export type {
	Action,
	Caller,
	Change,
	Connector,
	ConnectorSummary,
	CredentialStore,
	Descriptor,
	KindRules,
	Outcome,
	PropertyRule,
	StoreSupport,
	TokenSource,
	Violation,
	WriteMode,
	WriteReceipt,
} from '../../node_modules/connectors-update/src/index.js' with { 'resolution-mode': 'import' };

/** The package's exports, as the dynamic import answers them. */
export type Package = typeof ConnectorsUpdate;

/** Where the bundled package's entry point is, from dist/nodes/ConnectorsUpdate/. */
const ENTRY = '../../../node_modules/connectors-update/src/index.js';

let loaded: Promise<{ pkg: Package; action: ConnectorsUpdate.Action }> | undefined;

/**
 * The package and its action, compiled once per n8n process (tens of
 * milliseconds) and shared by every execution: the action holds no state
 * between calls, and every call brings its own store and tokens.
 */
export async function loadPackage(): Promise<{ pkg: Package; action: ConnectorsUpdate.Action }> {
	const attempt = loaded ?? load();
	loaded = attempt;
	// A failed load is not kept: the next execution tries again.
	attempt.then(
		() => undefined,
		() => {
			if (loaded === attempt) loaded = undefined;
		},
	);
	return await attempt;
}

/** Imports the package and compiles the action. */
async function load(): Promise<{ pkg: Package; action: ConnectorsUpdate.Action }> {
	const pkg = (await import(ENTRY)) as Package;
	return { pkg, action: await pkg.loadAction() };
}
