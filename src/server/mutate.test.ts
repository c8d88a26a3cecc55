import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubernetesObject } from '../model/resource.js';
import { AdmissionEngine, admissionResource } from './engine.js';
import { fixture, policyOf, policyWithAdmission } from './fixtures.cases.js';
import { jsonPointer, safeDefaultsPatch, type PatchOperation } from './mutate.js';

/** Applies `add` operations as the API server does (RFC 6902): enough to check that a patch does what it says. */
function applyPatch(object: unknown, patch: readonly PatchOperation[]): unknown {
  const copy = structuredClone(object) as Record<string, unknown>;
  for (const operation of patch) {
    const keys = operation.path.split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop() as string;
    let node = copy as Record<string, unknown>;
    for (const key of keys) {
      const next = node[key];
      assert.ok(next !== null && typeof next === 'object', `${operation.path}: parent ${key} missing`);
      node = next as Record<string, unknown>;
    }
    node[last] = structuredClone(operation.value);
  }
  return copy;
}

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubernetesObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', ...metadata }, spec };
}

function patchOf(object: KubernetesObject): PatchOperation[] {
  return safeDefaultsPatch(admissionResource(object, 'shop') as NonNullable<ReturnType<typeof admissionResource>>);
}

describe('safeDefaultsPatch', () => {
  it('adds the missing defaults, creating the securityContext objects it needs', () => {
    const object = pod({ containers: [{ name: 'web', image: 'nginx:1.27' }], initContainers: [{ name: 'init', image: 'busybox:1.36', securityContext: { runAsUser: 1000 } }] });
    assert.deepEqual(patchOf(object), [
      { op: 'add', path: '/spec/securityContext', value: { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true } },
      { op: 'add', path: '/spec/initContainers/0/securityContext/allowPrivilegeEscalation', value: false },
      { op: 'add', path: '/spec/containers/0/securityContext', value: { allowPrivilegeEscalation: false } },
    ]);
  });

  it('is idempotent: the patched object needs no patch', () => {
    for (const object of [
      pod({ containers: [{ name: 'web', image: 'nginx:1.27' }] }),
      fixture('cronjob-create-privileged.json').object as KubernetesObject,
      fixture('deployment-create-dry-run.json').object as KubernetesObject,
    ]) {
      const patched = applyPatch(object, patchOf(object)) as KubernetesObject;
      assert.deepEqual(patchOf(patched), []);
    }
  });

  it('never overrides a value the object sets', () => {
    const object = pod({ securityContext: { runAsNonRoot: false, seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/web.json' } }, containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { allowPrivilegeEscalation: true } }] });
    assert.deepEqual(patchOf(object), []);
  });

  it('leaves out what the API server or the kubelet would reject', () => {
    const cases: Array<[string, KubernetesObject, PatchOperation[]]> = [
      ['a privileged container', pod({ containers: [{ name: 'agent', image: 'agent:1', securityContext: { privileged: true } }] }), [{ op: 'add', path: '/spec/securityContext', value: { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true } }]],
      ['SYS_ADMIN', pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true }, containers: [{ name: 'fuse', image: 'fuse:1', securityContext: { capabilities: { add: ['sys_admin'] } } }] }), []],
      ['a container running as root', pod({ containers: [{ name: 'legacy', image: 'legacy:1', securityContext: { runAsUser: 0, allowPrivilegeEscalation: false } }] }), [{ op: 'add', path: '/spec/securityContext', value: { seccompProfile: { type: 'RuntimeDefault' } } }]],
      ['a pod running as root', pod({ securityContext: { runAsUser: 0 }, containers: [{ name: 'legacy', image: 'legacy:1', securityContext: { allowPrivilegeEscalation: false } }] }), [{ op: 'add', path: '/spec/securityContext/seccompProfile', value: { type: 'RuntimeDefault' } }]],
      [
        'legacy seccomp annotations',
        pod({ securityContext: { runAsNonRoot: true }, containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { allowPrivilegeEscalation: false } }] }, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } }),
        [],
      ],
      ['a Windows pod', pod({ os: { name: 'windows' }, containers: [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis:ltsc2022' }] }), []],
      ['an object without pods', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } }, []],
    ];
    for (const [what, object, expected] of cases) assert.deepEqual(patchOf(object), expected, what);
  });

  it('writes JSON Pointers with ~ and / escaped', () => {
    assert.equal(jsonPointer(['metadata', 'annotations', 'example.com/a~b', 0]), '/metadata/annotations/example.com~1a~0b/0');
  });
});

describe('AdmissionEngine.mutate', () => {
  const optIn = policyWithAdmission('extends: recommended\nenvironments:\n  - name: legacy\n    match: {namespaces: [ops]}\n', { mutate: true }, { 'environments.0': { mutate: false } });

  it('patches workloads where the policy turns mutation on', () => {
    const decision = new AdmissionEngine({ policy: optIn }).mutate(fixture('pod-create-privileged.json'));
    assert.deepEqual(decision.patch, [
      { op: 'add', path: '/spec/securityContext/seccompProfile', value: { type: 'RuntimeDefault' } },
      { op: 'add', path: '/spec/securityContext/runAsNonRoot', value: true },
    ]);
  });

  it('does nothing without the opt-in, at a level that turns it off, or for requests it does not judge', () => {
    const cases: Array<[string, AdmissionEngine, string, string]> = [
      ['no policy', new AdmissionEngine(), 'pod-create-privileged.json', 'not-enabled'],
      ['a policy without admission.mutate', new AdmissionEngine({ policy: policyOf('extends: recommended\n') }), 'pod-create-privileged.json', 'not-enabled'],
      ['a level that turns it off', new AdmissionEngine({ policy: optIn }), 'cronjob-create-privileged.json', 'not-enabled'],
      ['an update of a Pod', new AdmissionEngine({ policy: optIn }), 'pod-update-label.json', 'operation'],
      ['a deletion', new AdmissionEngine({ policy: optIn }), 'pod-delete.json', 'operation'],
      ['a subresource', new AdmissionEngine({ policy: optIn }), 'pod-status-update.json', 'subresource'],
    ];
    for (const [what, engine, file, reason] of cases) {
      const decision = engine.mutate(fixture(file));
      assert.deepEqual([decision.patch, decision.skipped?.reason], [[], reason], what);
    }
  });

  it('patches the pod template of an updated Deployment', () => {
    const request = fixture('deployment-update-host-network.json', (review) => {
      const template = ((review.request.object as Record<string, unknown>).spec as Record<string, Record<string, unknown>>).template as Record<string, unknown>;
      const spec = template.spec as Record<string, unknown>;
      delete spec.securityContext;
    });
    assert.deepEqual(new AdmissionEngine({ policy: optIn }).mutate(request).patch, [{ op: 'add', path: '/spec/template/spec/securityContext', value: { seccompProfile: { type: 'RuntimeDefault' }, runAsNonRoot: true } }]);
  });
});
