import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceCheck } from '../engine/types.js';
import { BulwarkError } from '../errors/index.js';
import type { Finding } from '../findings/types.js';
import { scan } from '../scan.js';
import { AdmissionEngine, DecisionCache, EvaluationError, type AdmissionDecision } from './engine.js';
import { fixture, fixtureText, policyOf, policyWithAdmission } from './fixtures.cases.js';

const NOW = () => new Date('2026-03-28T12:00:00Z');
/** A fixed set of checks, so that checks added to the catalogue later do not change these tables. */
const CHECKS = ['privileged-container', 'privilege-escalation-allowed', 'run-as-root-allowed', 'host-network', 'sensitive-host-path', 'host-path-volume', 'image-latest-tag', 'image-not-pinned-by-digest', 'seccomp-profile-missing'];

function engine(options: ConstructorParameters<typeof AdmissionEngine>[0] = {}): AdmissionEngine {
  return new AdmissionEngine({ now: NOW, checks: CHECKS, ...options });
}

/** A decision in a shape easy to compare: verdict, and the findings of each kind as `check@path`. */
function summary(decision: AdmissionDecision) {
  const list = (findings: readonly Finding[]) => findings.map((finding) => `${finding.checkId}@${finding.path}`);
  return {
    allowed: decision.allowed,
    skipped: decision.skipped?.reason,
    denying: list(decision.denying),
    warned: list(decision.warned),
    audited: list(decision.audited),
    excepted: decision.findings.filter((finding) => finding.status === 'excepted').map((finding) => `${finding.checkId}:${finding.exception}`),
  };
}

describe('AdmissionEngine.validate on recorded requests', () => {
  const cases: Array<{ file: string; expected: ReturnType<typeof summary> }> = [
    {
      file: 'pod-create-privileged.json',
      expected: {
        allowed: false,
        skipped: undefined,
        denying: ['privileged-container@spec.containers[0].securityContext.privileged'],
        warned: [
          'privilege-escalation-allowed@spec.containers[0].securityContext.allowPrivilegeEscalation',
          'run-as-root-allowed@spec.containers[0].securityContext.runAsNonRoot',
          'image-not-pinned-by-digest@spec.containers[0].image',
          'seccomp-profile-missing@spec.containers[0].securityContext.seccompProfile',
        ],
        audited: [],
        excepted: [],
      },
    },
    { file: 'deployment-create-dry-run.json', expected: { allowed: true, skipped: undefined, denying: [], warned: [], audited: [], excepted: [] } },
    { file: 'pod-create-by-replicaset.json', expected: { allowed: true, skipped: undefined, denying: [], warned: [], audited: [], excepted: [] } },
    {
      file: 'cronjob-create-privileged.json',
      expected: {
        allowed: false,
        skipped: undefined,
        denying: ['privileged-container@spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged', 'sensitive-host-path@spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path'],
        warned: [
          'privilege-escalation-allowed@spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
          'run-as-root-allowed@spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsNonRoot',
          'host-path-volume@spec.jobTemplate.spec.template.spec.volumes[0].hostPath',
          'image-not-pinned-by-digest@spec.jobTemplate.spec.template.spec.containers[0].image',
          'seccomp-profile-missing@spec.jobTemplate.spec.template.spec.containers[0].securityContext.seccompProfile',
        ],
        audited: [],
        excepted: [],
      },
    },
    // UPDATE with oldObject: the new template adds hostNetwork.
    { file: 'deployment-update-host-network.json', expected: { allowed: false, skipped: undefined, denying: ['host-network@spec.template.spec.hostNetwork'], warned: [], audited: [], excepted: [] } },
    // kubectl debug adds a privileged ephemeral container to a hardened pod.
    {
      file: 'pod-ephemeral-debug.json',
      expected: {
        allowed: false,
        skipped: undefined,
        denying: ['privileged-container@spec.ephemeralContainers[0].securityContext.privileged'],
        warned: ['privilege-escalation-allowed@spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation', 'image-not-pinned-by-digest@spec.ephemeralContainers[0].image'],
        audited: [],
        excepted: [],
      },
    },
    // A privileged pod that exists already may be relabelled: only metadata changes.
    { file: 'pod-update-label.json', expected: { allowed: true, skipped: 'metadata-only', denying: [], warned: [], audited: [], excepted: [] } },
    { file: 'pod-delete.json', expected: { allowed: true, skipped: 'operation', denying: [], warned: [], audited: [], excepted: [] } },
    { file: 'pod-exec-connect.json', expected: { allowed: true, skipped: 'operation', denying: [], warned: [], audited: [], excepted: [] } },
    { file: 'pod-status-update.json', expected: { allowed: true, skipped: 'subresource', denying: [], warned: [], audited: [], excepted: [] } },
  ];
  for (const { file, expected } of cases) {
    it(file, () => assert.deepEqual(summary(engine().validate(fixture(file))), expected));
  }

  it('writes the denial with check, severity, container, path, message and fix', () => {
    const decision = engine().validate(fixture('pod-create-privileged.json'));
    assert.equal(
      decision.message,
      'Pod shop/debug violates the policy (1 violation):\n' +
        '- privileged-container [high] at container "debug", spec.containers[0].securityContext.privileged: container "debug" runs privileged (securityContext.privileged: true). ' +
        'Fix: Remove `securityContext.privileged: true`. Grant only the specific capabilities the process needs with `capabilities.add`, or move node-level tooling to a dedicated, tightly controlled namespace.',
    );
    assert.deepEqual(decision.warnings, [
      'bulwark privilege-escalation-allowed (medium): container "debug" does not set securityContext.allowPrivilegeEscalation: false (it defaults to true)',
      'bulwark run-as-root-allowed (medium): container "debug" may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set (container or pod)',
      'bulwark image-not-pinned-by-digest (low): container "debug" uses image "busybox:1.36" by tag, not by digest',
      'bulwark seccomp-profile-missing (low): container "debug" has no seccomp profile: neither it nor the pod sets securityContext.seccompProfile, so it runs Unconfined unless the node\'s kubelet defaults to RuntimeDefault',
    ]);
  });

  it('judges the same object whether or not the request is a dry run', () => {
    const dry = engine().validate(fixture('pod-create-privileged.json', (review) => (review.request.dryRun = true)));
    assert.deepEqual(summary(dry), summary(engine().validate(fixture('pod-create-privileged.json'))));
  });

  it('allows an UPDATE of an object that is being deleted (a finalizer removed)', () => {
    const request = fixture('deployment-update-host-network.json', (review) => {
      ((review.request.object as Record<string, unknown>).metadata as Record<string, unknown>).deletionTimestamp = '2026-03-28T11:00:00Z';
    });
    assert.equal(engine().validate(request).skipped?.reason, 'deleting');
  });

  it('judges an UPDATE that changes the spec even when the old object broke the same rule', () => {
    const request = fixture('pod-update-label.json', (review) => {
      ((((review.request.object as Record<string, unknown>).spec as Record<string, unknown>).containers as Array<Record<string, unknown>>)[0] as Record<string, unknown>).image = 'busybox:1.37';
    });
    assert.deepEqual(summary(engine().validate(request)).denying, ['privileged-container@spec.containers[0].securityContext.privileged']);
  });

  it('runs per-resource checks only, and refuses whole-set checks named explicitly', () => {
    const strict = new AdmissionEngine({ policy: policyOf('extends: strict\n'), now: NOW });
    assert.ok(strict.checks.length > 50);
    assert.deepEqual(strict.checks.filter((check) => (check as { scope: string }).scope !== 'resource'), []);
    assert.equal(strict.checks.some((check) => check.id === 'pod-disruption-budget-missing'), false);
    assert.throws(() => engine({ checks: ['privileged-container', 'pod-disruption-budget-missing', 'single-replica'] }), (error: unknown) => error instanceof BulwarkError && error.code === 'BULWARK_E_USAGE' && error.message === 'pod-disruption-budget-missing, single-replica judge whole sets of objects and cannot run at admission, where one object is seen at a time');
  });

  it('raises an EvaluationError when a check throws, instead of deciding without it', () => {
    const broken: ResourceCheck = {
      id: 'broken-rule',
      scope: 'resource',
      meta: { title: 'Broken', summary: 'Throws', severity: 'low', category: 'custom', remediation: '', references: [], frameworks: [], custom: true },
      run() {
        throw new Error('cannot read properties of undefined');
      },
    };
    const base = policyOf('extends: recommended\n');
    const failing = new AdmissionEngine({ policy: { ...base, checks: [broken] }, now: NOW, checks: ['privileged-container', 'broken-rule'] });
    assert.throws(() => failing.validate(fixture('pod-create-privileged.json')), (error: unknown) => error instanceof EvaluationError && error.message === 'check broken-rule failed: cannot read properties of undefined');
  });
});

describe('AdmissionEngine with a policy', () => {
  const policyText = `extends: recommended
failOn: high
environments:
  - name: shop
    match: {namespaces: [shop]}
    mode: warn
  - name: ops
    match: {namespaces: ["op*"]}
    failOn: medium
    checks:
      host-path-volume: {mode: audit}
`;

  it('turns findings of a warn-mode level into warnings', () => {
    const decision = engine({ policy: policyOf(policyText) }).validate(fixture('pod-create-privileged.json'));
    assert.equal(decision.allowed, true);
    assert.deepEqual(
      decision.warned.filter((finding) => finding.mode === 'warn').map((finding) => finding.checkId),
      ['privileged-container', 'privilege-escalation-allowed', 'run-as-root-allowed', 'image-not-pinned-by-digest', 'seccomp-profile-missing'],
    );
    assert.equal(decision.warnings[0], 'bulwark privileged-container (high, warn mode): container "debug" runs privileged (securityContext.privileged: true)');
  });

  it("applies a level's threshold and records audit-mode findings without warning", () => {
    const decision = engine({ policy: policyOf(policyText) }).validate(fixture('cronjob-create-privileged.json'));
    assert.deepEqual(summary(decision), {
      allowed: false,
      skipped: undefined,
      denying: [
        'privileged-container@spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged',
        'privilege-escalation-allowed@spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
        'run-as-root-allowed@spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsNonRoot',
        'sensitive-host-path@spec.jobTemplate.spec.template.spec.volumes[0].hostPath.path',
      ],
      warned: ['image-not-pinned-by-digest@spec.jobTemplate.spec.template.spec.containers[0].image', 'seccomp-profile-missing@spec.jobTemplate.spec.template.spec.containers[0].securityContext.seccompProfile'],
      audited: ['host-path-volume@spec.jobTemplate.spec.template.spec.volumes[0].hostPath'],
      excepted: [],
    });
    assert.equal(decision.warnings.some((warning) => warning.includes('host-path-volume')), false);
  });

  it('honours exceptions with their scope and expiry, as a scan does', () => {
    const withException = (expires: string) =>
      policyOf(`extends: recommended
exceptions:
  - id: EXC-7
    checks: [privileged-container]
    scope: {namespace: shop, kind: Pod, name: debug}
    reason: node debugging during the incident
    owner: sre@example.com
    expires: "${expires}"
`);
    const active = engine({ policy: withException('2026-04-30') }).validate(fixture('pod-create-privileged.json'));
    assert.deepEqual({ allowed: active.allowed, excepted: summary(active).excepted }, { allowed: true, excepted: ['privileged-container:EXC-7'] });
    const expired = engine({ policy: withException('2026-03-27') }).validate(fixture('pod-create-privileged.json'));
    assert.deepEqual({ allowed: expired.allowed, excepted: summary(expired).excepted }, { allowed: false, excepted: [] });
  });

  it('accepts a bulwark.io/ignore opt-out only where the policy allows it, and says so otherwise', () => {
    const annotated = () =>
      fixture('pod-create-privileged.json', (review) => {
        ((review.request.object as Record<string, unknown>).metadata as Record<string, unknown>).annotations = { 'bulwark.io/ignore': 'privileged-container=runs the node debugger, INC-42' };
      });
    const allowed = engine({ policy: policyOf('extends: recommended\ninlineIgnores: [privileged-container]\n') }).validate(annotated());
    assert.deepEqual({ allowed: allowed.allowed, excepted: summary(allowed).excepted }, { allowed: true, excepted: ['privileged-container:inline'] });
    const refused = engine({ policy: policyOf('extends: recommended\ninlineIgnores: deny\n') }).validate(annotated());
    assert.equal(refused.allowed, false);
    assert.deepEqual(refused.notes, ['the bulwark.io/ignore opt-out of privileged-container on Pod shop/debug is refused: the global level does not allow them (bulwark.yaml:2)']);
    assert.equal(refused.warnings.at(-1), 'bulwark: the bulwark.io/ignore opt-out of privileged-container on Pod shop/debug is refused: the global level does not allow them (bulwark.yaml:2)');
  });

  it('gives the same statuses, modes and severities as bulwark scan for the same object and policy', async () => {
    const policy = policyOf(`${policyText}exceptions:
  - id: EXC-9
    checks: [sensitive-host-path]
    scope: {namespace: ops}
    reason: the cleanup job talks to the node's Docker daemon until the runtime moves to containerd
    owner: platform@example.com
`);
    for (const file of ['pod-create-privileged.json', 'cronjob-create-privileged.json', 'deployment-create-dry-run.json']) {
      const request = fixture(file);
      const decision = engine({ policy }).validate(request);
      const scanned = await scan({ sources: [{ file: 'object.json', text: JSON.stringify(request.object) }], policy, checks: CHECKS, failOn: 'high', now: NOW(), defaultNamespace: request.namespace as string });
      const shape = (findings: readonly Finding[]) => findings.map((finding) => [finding.checkId, finding.path, finding.status, finding.mode ?? 'enforce', finding.severity, finding.exception ?? '', finding.failOn ?? '']).sort();
      assert.deepEqual(shape(decision.findings), shape(scanned.findings), file);
      assert.equal(decision.allowed, scanned.exitCode === 0, file);
    }
  });

  it('exempts the service accounts, users and groups the admission settings name', () => {
    const policy = policyWithAdmission('extends: recommended\n', { exemptServiceAccounts: ['kube-system/*'], exemptUsers: ['system:node:*'], exemptGroups: ['break-glass'] });
    const as = (userInfo: Record<string, unknown>) => engine({ policy }).validate(fixture('pod-create-privileged.json', (review) => (review.request.userInfo = userInfo)));
    assert.deepEqual(as({ username: 'system:serviceaccount:kube-system:daemon-set-controller' }).skipped, { reason: 'exempt', detail: 'service account kube-system/daemon-set-controller is exempt (kube-system/*)' });
    assert.deepEqual(as({ username: 'system:node:worker-1' }).skipped, { reason: 'exempt', detail: 'user system:node:worker-1 is exempt (system:node:*)' });
    assert.deepEqual(as({ username: 'carol', groups: ['break-glass', 'system:authenticated'] }).skipped, { reason: 'exempt', detail: 'group break-glass is exempt' });
    assert.equal(as({ username: 'system:serviceaccount:shop:deployer' }).allowed, false);
    assert.equal(as({ username: 'alice' }).allowed, false);
  });

  it('reads exemptions per level: the most specific level that sets them wins', () => {
    const policy = policyWithAdmission('extends: recommended\nenvironments:\n  - name: shop\n    match: {namespaces: [shop]}\n', { exemptUsers: ['alice@example.com'] }, { 'environments.0': { exemptUsers: [] } });
    assert.equal(engine({ policy }).validate(fixture('pod-create-privileged.json')).allowed, false);
    const elsewhere = fixture('pod-create-privileged.json', (review) => {
      review.request.namespace = 'tools';
      ((review.request.object as Record<string, unknown>).metadata as Record<string, unknown>).namespace = 'tools';
    });
    assert.equal(engine({ policy }).validate(elsewhere).skipped?.reason, 'exempt');
  });

  it('judges custom workload kinds the policy declares', () => {
    const policy = policyOf('extends: recommended\nworkloads:\n  - kind: Rollout\n    podTemplatePath: spec.template\n');
    const request = fixture('deployment-update-host-network.json', (review) => {
      const request = review.request;
      request.kind = { group: 'argoproj.io', version: 'v1alpha1', kind: 'Rollout' };
      request.resource = { group: 'argoproj.io', version: 'v1alpha1', resource: 'rollouts' };
      for (const key of ['object', 'oldObject'] as const) Object.assign(request[key] as Record<string, unknown>, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' });
    });
    assert.deepEqual(summary(engine({ policy }).validate(request)).denying, ['host-network@spec.template.spec.hostNetwork']);
  });
});

describe('DecisionCache', () => {
  it('answers identical requests (another uid, a dry run) with the same decision', () => {
    const cached = engine();
    const first = cached.validate(fixture('pod-create-privileged.json'));
    const again = cached.validate(
      fixture('pod-create-privileged.json', (review) => {
        review.request.uid = '5a6b7c8d-0000-4000-8000-000000000001';
        review.request.dryRun = true;
      }),
    );
    assert.equal(again, first);
    const changed = cached.validate(fixture('pod-create-privileged.json', (review) => (review.request.namespace = 'tools')));
    assert.notEqual(changed, first);
  });

  it('keys on the requester too: an exemption is never served from another user’s entry', () => {
    const cached = engine({ policy: policyWithAdmission('extends: recommended\n', { exemptUsers: ['robot'] }) });
    assert.equal(cached.validate(fixture('pod-create-privileged.json', (review) => (review.request.userInfo = { username: 'robot' }))).allowed, true);
    assert.equal(cached.validate(fixture('pod-create-privileged.json')).allowed, false);
  });

  it('drops the least recently used entry, and everything when the UTC day turns', () => {
    const cache = new DecisionCache(2);
    const request = fixture('pod-create-privileged.json');
    const decision = engine().validate(request);
    cache.turnDay(new Date('2026-03-28T23:59:59.000Z'));
    const keys = ['a', 'b', 'c'].map((namespace) => DecisionCache.keyOf({ ...request, namespace }));
    cache.set(keys[0] as string, decision);
    cache.set(keys[1] as string, decision);
    assert.equal(cache.get(keys[0] as string), decision);
    cache.set(keys[2] as string, decision);
    assert.deepEqual([cache.get(keys[0] as string), cache.get(keys[1] as string), cache.size], [decision, undefined, 2]);
    cache.turnDay(new Date('2026-03-28T23:59:59.999Z'));
    assert.equal(cache.size, 2);
    cache.turnDay(new Date('2026-03-29T00:00:00.000Z'));
    assert.equal(cache.size, 0);
    assert.equal(new DecisionCache(0).enabled, false);
  });

  it('keys a body as received by everything but its uid, which must occur once', () => {
    const text = fixtureText('pod-create-privileged.json');
    const uid = '0d6b3c43-7f5c-4a52-bd35-3c6f1a2b9e01';
    const key = DecisionCache.keyOfBody(Buffer.from(text), uid);
    assert.equal(typeof key, 'string');
    assert.equal(DecisionCache.keyOfBody(Buffer.from(text.replace(uid, '5a6b7c8d-0000-4000-8000-000000000001')), '5a6b7c8d-0000-4000-8000-000000000001'), key);
    assert.notEqual(DecisionCache.keyOfBody(Buffer.from(text.replace('"busybox:1.36"', '"busybox:1.37"')), uid), key);
    assert.equal(DecisionCache.keyOfBody(Buffer.from(text.replace('"run": "debug"', `"run": "${uid}"`)), uid), undefined);
    assert.equal(DecisionCache.keyOfBody(Buffer.from(text.replace(`"${uid}"`, `"\\u0030${uid.slice(1)}"`)), uid), undefined);
    const cached = engine();
    const first = cached.validate(fixture('pod-create-privileged.json'), Buffer.from(text));
    assert.equal(cached.validate(fixture('pod-create-privileged.json'), Buffer.from(text)), first);
  });
});
