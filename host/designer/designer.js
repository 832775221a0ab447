// The designer page: loads the action (the npm package's own modules, the
// component's core modules from this server), builds the form from
// `describe()`, validates every edit in the page, shows the step JSON, and
// sends a dry run to the server with the launch's token.
import { MemoryStore, kindRulesFromJson, loadAction } from '/pkg/src/index.js';
import { buildForm } from '/form.js';
import {
  emptyValues, hasToken, stepText, tokensIn, valuesFromText,
} from '/step.js';

const $ = (id) => document.getElementById(id);

/**
 * This launch's token, from the URL the CLI printed (`#token=...`); the
 * address bar then drops it, and this tab keeps it for a reload.
 */
function takeToken() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) {
    sessionStorage.setItem('designer-token', token);
    history.replaceState(null, '', location.pathname);
    return token;
  }
  return sessionStorage.getItem('designer-token');
}

// The printed URL opened in a tab that shows the page already: start again with its token.
addEventListener('hashchange', () => { if (location.hash.includes('token=')) location.reload(); });

async function api(token, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'X-Designer-Token': token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { status: 0, json: { error: { code: 'designer-unreachable', message: 'The designer does not answer: is `connectors-update designer` still running?' } } };
  }
  try {
    return { status: response.status, json: await response.json() };
  } catch {
    return { status: response.status, json: { error: { code: 'designer-failed', message: `The designer answered ${response.status} with no JSON.` } } };
  }
}

/**
 * What the chosen connector's kind says of the step's values, beyond what
 * `validate` can know without the connector: each literal value against its
 * rule (format, length, JSON rules), by the action's own check; a name the
 * kind does not allow; an immutable name. Values with tokens are checked
 * when they run.
 */
function kindDiagnostics(action, rules, values) {
  if (!rules) return [];
  const found = [];
  const check = (name, value, nameField, valueField) => {
    if (hasToken(name)) return;
    const rule = rules.properties.find((r) => r.name === name);
    if (!rule) {
      if (!rules.allowUnknown && name !== '') {
        found.push({ severity: 'error', field: nameField, code: 'unknown-property', message: `Connectors of kind '${rules.kind}' have no property '${name}'; they have ${rules.properties.map((r) => r.name).join(', ')}.` });
      }
      return;
    }
    if (rule.immutable) {
      found.push({ severity: 'warning', field: nameField, code: 'immutable', message: `'${name}' is set when a connector of kind '${rules.kind}' is created and cannot be changed.` });
    }
    if (value === undefined || value === null || hasToken(value) || (rule.secret && value === '******')) return;
    for (const v of action.support.checkValue(rule, value, rule.secret)) {
      found.push({ severity: 'error', field: valueField, code: v.rule, message: v.message });
    }
  };
  values.rows.forEach((r, i) => check(r.name, r.value, `Properties[${i}].PropertyName`, `Properties[${i}].PropertyValue`));
  let dynamic;
  try {
    dynamic = values.propertiesJson.trim() ? JSON.parse(values.propertiesJson) : undefined;
  } catch {
    dynamic = undefined;
  }
  if (dynamic && typeof dynamic === 'object' && !Array.isArray(dynamic)) {
    for (const [key, value] of Object.entries(dynamic)) {
      if (value === null) continue;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      check(key, text, `PropertiesJson.${key}`, `PropertiesJson.${key}`);
    }
  }
  return found;
}

function fail(message) {
  $('session').textContent = message;
  $('session').classList.add('diagnostic', 'error');
}

async function main() {
  const token = takeToken();
  if (!token) return fail('This page needs the token of the designer\'s launch: open the URL that `connectors-update designer` printed.');
  const session = await api(token, '/api/session');
  if (session.status !== 200) return fail(`The designer refused: ${session.json.error?.code}: ${session.json.error?.message}`);
  const { connectors, caller, store: location_ } = session.json;
  const action = await loadAction();
  // The store's kinds, in the page: validate asks them for the names a step writes.
  const kinds = session.json.kinds.map(kindRulesFromJson);
  const store = new MemoryStore(action, { kinds });
  // validate is told the chosen connector's kind only (none for a connector
  // without one), so that its warnings speak of that kind; every kind when
  // the connector is not known yet (a token, say).
  const stores = new Map();
  const storeFor = (connector) => {
    if (!connector) return store;
    const key = connector.kind ?? '';
    if (!stores.has(key)) stores.set(key, new MemoryStore(action, { kinds: kinds.filter((k) => k.kind === connector.kind) }));
    return stores.get(key);
  };
  const descriptor = action.describe({ store });
  $('title').textContent = `${descriptor.title} (${descriptor.actionType} ${descriptor.version})`;
  $('summary').textContent = descriptor.summary;
  $('session').textContent = `Store ${location_}, as ${caller.principal ? `principal '${caller.principal}'` : 'an anonymous caller'}${caller.permissions.length ? ` holding ${caller.permissions.join(', ')}` : ''}: ${connectors.length} connector(s) you may use.`;

  const sampleTokens = new Map();
  const renderTokens = (values) => {
    const names = tokensIn(values);
    $('tokens').replaceChildren(...names.map((name) => {
      const input = document.createElement('input');
      input.type = 'text';
      input.id = `token-${name}`;
      input.value = sampleTokens.get(name) ?? '';
      input.addEventListener('input', () => sampleTokens.set(name, input.value));
      const label = document.createElement('label');
      label.htmlFor = input.id;
      label.textContent = `Sample value of [${name}]`;
      const wrap = document.createElement('div');
      wrap.className = 'field';
      wrap.append(label, input);
      return wrap;
    }));
  };

  /** The connector the reference names, as the action resolves it: an id first, else a unique name. */
  const connectorOf = (entryId) => {
    const byName = connectors.filter((c) => c.name === entryId);
    return connectors.find((c) => c.id === entryId) ?? (byName.length === 1 ? byName[0] : undefined);
  };
  const kindOf = (entryId) => kinds.find((k) => k.kind === connectorOf(entryId)?.kind);

  let timer;
  let shownKind;
  const refresh = () => {
    const values = form.values();
    const text = stepText(values);
    $('step-json').textContent = text;
    // An outcome is of the step it ran: an edit makes it stale.
    $('dry-result').replaceChildren();
    renderTokens(values);
    const rules = kindOf(values.entryId);
    if (rules?.kind !== shownKind) {
      shownKind = rules?.kind;
      form.setRules(rules);
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        const now = form.values();
        const chosen = connectorOf(now.entryId);
        form.showDiagnostics([
          ...action.validate(stepText(now), { store: storeFor(chosen) }),
          ...kindDiagnostics(action, chosen ? kindOf(now.entryId) : undefined, now),
        ]);
      } catch (error) {
        form.showDiagnostics([{ severity: 'error', field: 'step', code: error.code ?? 'internal', message: error.message }]);
      }
      document.body.dataset.validated = String(Number(document.body.dataset.validated ?? 0) + 1);
    }, 120);
  };
  const form = buildForm($('form'), descriptor, connectors, refresh);
  form.setValues(emptyValues());
  refresh();

  $('copy').addEventListener('click', () => navigator.clipboard?.writeText(stepText(form.values())));
  $('download').addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([stepText(form.values())], { type: 'application/json' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: 'step.json' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  $('load').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const loaded = valuesFromText(await file.text());
    if (loaded.error) {
      $('load-status').textContent = `${file.name}: ${loaded.error}.`;
      return;
    }
    form.setValues(loaded.values);
    $('load-status').textContent = `Loaded ${file.name}${loaded.dropped.length ? `; the form has no field for ${loaded.dropped.join(', ')}, left out` : ''}.`;
    refresh();
    event.target.value = '';
  });

  $('dry-run').addEventListener('click', async () => {
    const values = form.values();
    const tokens = Object.fromEntries(tokensIn(values).filter((n) => sampleTokens.has(n)).map((n) => [n, sampleTokens.get(n)]));
    $('dry-result').replaceChildren('Running…');
    const { json } = await api(token, '/api/dry-run', { step: stepText(values), tokens });
    $('dry-result').replaceChildren(showResult(json));
  });
  document.body.dataset.ready = 'true';
}

/** A dry run's outcome, or its typed error, as `run --dry-run` reports them. */
function showResult(json) {
  const box = document.createElement('div');
  box.id = 'outcome';
  if (json.error) {
    box.className = 'outcome failed';
    box.dataset.code = json.error.code;
    const code = document.createElement('code');
    code.textContent = `error[${json.error.code}]`;
    box.append(code, ` ${json.error.message}`);
    return box;
  }
  const o = json.outcome;
  box.className = 'outcome';
  box.dataset.code = 'ok';
  const rows = [
    ['Connector', `${o.name} (${o.id})`],
    ['Added', o.added.join(', ') || 'none'],
    ['Changed', o.changed.join(', ') || 'none'],
    ['Removed', o.removed.join(', ') || 'none'],
    // A dry run leaves the revision as it is; a commit would raise it by one.
    ['Revision', o.unchanged ? `${o.revision_before} (nothing would change)` : `${o.revision_before} → ${o.revision_before + 1} if run for real`],
  ];
  const dl = document.createElement('dl');
  for (const [term, detail] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = detail;
    dd.dataset.term = term.toLowerCase();
    dl.append(dt, dd);
  }
  const title = document.createElement('strong');
  title.textContent = 'Dry run: nothing was written.';
  box.append(title, dl);
  return box;
}

main().catch((error) => fail(`The designer could not start: ${error?.code ?? ''} ${error?.message ?? error}`));
