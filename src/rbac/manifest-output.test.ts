import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError } from '../errors/index.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { bindingObject, renderManifests, requireManifestFormat, roleObject, type ManifestObject } from './manifest-output.js';

const READER = roleObject('reader', 'shop', [
  { verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'], nonResourceURLs: [] },
  { verbs: ['get'], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ['/metrics', '/api/*'] },
]);
const BINDING = bindingObject('reader', 'shop', { kind: 'Role', name: 'reader' }, [
  { kind: 'User', name: 'alice@example.com' },
  { kind: 'ServiceAccount', namespace: 'shop', name: 'api' },
]);

describe('renderManifests', () => {
  it('writes a YAML stream: keys in order, lists of words on one line, a header of comments', () => {
    assert.equal(
      renderManifests([READER, BINDING], 'yaml', ['Generated for a test.']),
      `# Generated for a test.
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
  labels:
    app.kubernetes.io/managed-by: bulwark
rules:
- apiGroups: [""]
  resources: [configmaps]
  resourceNames: [settings]
  verbs: [get, list]
- nonResourceURLs: [/metrics, "/api/*"]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
  labels:
    app.kubernetes.io/managed-by: bulwark
subjects:
- kind: User
  name: alice@example.com
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: api
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
`,
    );
  });

  it('starts without --- when there is no header', () => {
    assert.ok(renderManifests([READER], 'yaml').startsWith('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n'));
  });

  it('writes JSON as a v1 List', () => {
    const list = JSON.parse(renderManifests([READER, BINDING], 'json')) as { apiVersion: string; kind: string; items: ManifestObject[] };
    assert.equal(list.apiVersion, 'v1');
    assert.equal(list.kind, 'List');
    assert.deepEqual(list.items, [READER, BINDING]);
  });

  // Strings a YAML 1.1 reader would take for something else, or that hold YAML syntax.
  const TRICKY = ['', '*', 'yes', 'No', 'on', 'OFF', 'y', 'true', 'null', '~', '1.0', '0755', '2026-01-01', '.inf', '<<', '=', 'a: b', 'key:', '#hash', '- dash', '[x]', '{y}', "it's", '"quoted"', 'system:serviceaccount:shop:api', '@at', '&anchor', '!tag', '%percent', 'new\nline', ' padded '];
  it('reads back every string exactly as written, in mappings and in lists', () => {
    const object: ManifestObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tricky' }, data: Object.fromEntries(TRICKY.map((value, index) => [`k${index}`, value])), list: TRICKY };
    const text = renderManifests([object], 'yaml');
    const { documents, diagnostics } = parseSource('tricky.yaml', text, DEFAULT_LIMITS);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(documents[0]?.value, object);
  });

  it('takes yaml and json as formats, nothing else', () => {
    assert.equal(requireManifestFormat('yaml'), 'yaml');
    assert.equal(requireManifestFormat('json'), 'json');
    assert.throws(() => requireManifestFormat('text'), (error: unknown) => error instanceof BulwarkError && error.code === 'BULWARK_E_UNKNOWN_FORMAT');
  });
});
