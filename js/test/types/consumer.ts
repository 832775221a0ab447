// A TypeScript engine's use of the package, as its README shows it: checked
// with `tsc --noEmit --strict` (npm run typecheck), never run. It fails to
// compile when the declarations lose or mistype what the code exports.
import {
  ConnectorsUpdateError, MapTokens, MemoryStore, StoreError, kindRulesFromJson, loadAction,
  type Caller, type Change, type CredentialStore, type Diagnostic, type Outcome, type WriteReceipt,
} from 'connectors-update';
import {
  CLAUSE_NAMES, assertConformance, assertStore, checkConformance, checkStore, memoryStoreFor,
  type Breach, type Fixture, type Mismatch,
} from 'connectors-update/testing';

const action = await loadAction({ instances: 'reuse', onHostError: (error: unknown, call: string) => void [error, call] });
const store = new MemoryStore(action);
store.add({ id: 'c1', name: 'Billing API', kind: 'rest-api', properties: [{ name: 'APIKey', value: 'k', secret: true }] });
store.grant('c1', 'alice');

const caller: Caller = { principal: 'alice', permissions: ['update:connections_options'] };
const outcome: Outcome = action.execute(
  { entryId: 'c1', properties: [{ name: 'APIKey', value: '[Form:Key]' }], propertiesJson: '', dryRun: true, mergeMode: 'replace' },
  { store, tokens: new MapTokens({ 'Form:Key': 'new' }), caller },
);
const revisions: number[] = [outcome.revisionBefore, outcome.revisionAfter];
const diagnostics: Diagnostic[] = action.validate('{"EntryId": ""}');
const fields: string[] = diagnostics.map((d) => `${d.severity} ${d.field} ${d.code}`);
const kinds: string[] = action.describe({ store }).kinds.map((k) => k.kind);
const merged: string | undefined = action.support.mergeValue('{"a":1}', '{"b":2}');
const naming: string[] = action.support.kindsNaming(action.support.builtinKinds(), ['Endpoint']).map((k) => k.kind);
const own = kindRulesFromJson({ kind: 'vault', properties: [{ name: 'A', format: 'text', write_permission: 'p' }] });
const permission: string | undefined = own.properties[0]?.writePermission;

try {
  action.parseStep('{');
} catch (e) {
  if (e instanceof ConnectorsUpdateError) {
    const code: string = e.code;
    const retry: boolean = e.retryable;
    void [code, retry, e.toJSON().message];
  }
}

/** An engine's own store over its database: the contract, typed. */
class EngineStore implements CredentialStore {
  get(_caller: Caller, _id: string) {
    return { id: 'x', name: 'X', revision: 1, properties: [{ name: 'A', secret: true as const }] };
  }
  findByName(_caller: Caller, _name: string) { return []; }
  rules(_caller: Caller, _kind: string) { return undefined; }
  kinds(_caller: Caller) { return action.support.builtinKinds(); }
  write(_caller: Caller, _id: string, expected: number, changes: Change[], mode: 'commit' | 'preview'): WriteReceipt {
    if (mode === 'commit' && expected !== 1) throw StoreError.conflict(1);
    return { revision: expected, changed: changes.map((c) => c.name) };
  }
}

const make = (fixture: Fixture): CredentialStore => {
  const declared: string[] = fixture.kinds.map((k) => k.kind);
  return declared.length || fixture.connectors.length ? memoryStoreFor(action)(fixture) : new EngineStore();
};
const breaches: Breach[] = checkStore(action, make, { grants: false, kinds: false });
const mismatches: Mismatch[] = checkConformance(action, make);
assertStore(action, memoryStoreFor(action));
assertConformance(action, memoryStoreFor(action));
const names: readonly string[] = CLAUSE_NAMES;

void [revisions, fields, kinds, merged, naming, permission, breaches, mismatches, names];
