// The clauses of access by grants: open without grants, grantees only,
// access checked before the revision, names hidden from strangers (the
// Rust kit's host/src/testing/access.rs).
import { isDeepStrictEqual } from 'node:util';
import {
  GRANTEE, STRANGER, anyone, granted, principal, set, who,
} from './fixture.js';
import {
  Text, attempt, breach, describe, isDenied, list, ok, receipt, refused, state,
} from './observe.js';

const DENIED = 'StoreError.permissionDenied';

function openWithoutGrants({ fresh }) {
  const C = 'open-without-grants';
  const store = fresh(granted());
  for (const caller of [anyone(), principal(STRANGER)]) {
    ok(C, `get of 'c2' (no grants) by ${who(caller)}`, () => store.get(caller, 'c2'));
  }
  receipt(C, "a commit to 'c2' (no grants) by an anonymous caller",
    () => store.write(anyone(), 'c2', 1, [set('T', 'new')], 'commit'), 2, ['T']);
}

function granteeOnly({ fresh }) {
  const C = 'grantee-only';
  const store = fresh(granted());
  const grantee = principal(GRANTEE);
  ok(C, "get of 'c1' by its grantee", () => store.get(grantee, 'c1'));
  // A principal is named exactly: the grantee's name in other case is a stranger.
  for (const caller of [anyone(), principal(STRANGER), principal(GRANTEE.toUpperCase())]) {
    refused(C, `get of 'c1' (granted to another) by ${who(caller)}`, () => store.get(caller, 'c1'), DENIED, isDenied);
    for (const mode of ['commit', 'preview']) {
      refused(C, `a ${mode} write to 'c1' by ${who(caller)}`,
        () => store.write(caller, 'c1', 1, [set('A', '2')], mode), DENIED, isDenied);
    }
  }
  state(C, 'after refused writes', store, grantee, 'c1', 1, [['A', Text('1')]]);
  receipt(C, "a commit to 'c1' by its grantee", () => store.write(grantee, 'c1', 1, [set('A', '2')], 'commit'), 2, ['A']);
}

function accessBeforeRevision({ fresh }) {
  const C = 'access-before-revision';
  const store = fresh(granted());
  refused(C, 'a write by a caller with no grant, at a stale revision (the revision must not be told)',
    () => store.write(principal(STRANGER), 'c1', 7, [set('A', '2')], 'commit'), DENIED, isDenied);
}

function findByNameAccess({ fresh }) {
  const C = 'find-by-name-access';
  const store = fresh(granted());
  const stranger = attempt(() => store.findByName(principal(STRANGER), 'One'));
  if ('error' in stranger) {
    if (!isDenied(stranger.error ?? {})) {
      throw breach(C, `findByName by a caller with no grant to leave 'c1' out, or to refuse with ${DENIED}`, describe(stranger.error));
    }
  } else if ([...stranger.value].some((s) => s.id === 'c1')) {
    throw breach(C, "findByName by a caller with no grant to leave out 'c1' (or refuse)", "'c1' listed");
  }
  const found = ok(C, 'findByName("One") by the grantee', () => store.findByName(principal(GRANTEE), 'One'));
  const ids = found.map((s) => s.id);
  if (!isDeepStrictEqual(ids, ['c1'])) throw breach(C, 'findByName("One") by the grantee to give ["c1"]', list(ids));
}

export const CLAUSES = [openWithoutGrants, granteeOnly, accessBeforeRevision, findByNameAccess];
