import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, HAS_CORPUS, noteMissingCorpus } from '../../test/helpers.js';
import { loadInputs } from '../loader/load.js';
import { buildRbacAnalysis } from './analysis.js';
import { findEscalationPaths } from './escalation.js';
import { describeSubject } from './subjects.js';

if (!HAS_CORPUS) noteMissingCorpus('RBAC escalation paths over the real-world manifests');

describe('escalation paths in real-world manifests', { skip: !HAS_CORPUS && 'corpus not present' }, () => {
  it('finds the known over-broad ServiceAccounts of the ten projects, and nothing else', async () => {
    const loaded = await loadInputs({ paths: [join(CORPUS, 'real-world')] });
    const report = findEscalationPaths(buildRbacAnalysis(loaded.resources));
    assert.equal(report.searched, 24);
    assert.deepEqual(
      report.results.map((result) => `${describeSubject(result.start.subject)}: ${result.paths.map((path) => [...path.steps.map((step) => step.technique), path.goal.goal].join(' → ')).join('; ')}`),
      [
        // Each reads every Secret itself: list/watch on secrets (or on *) through a ClusterRoleBinding.
        'ServiceAccount "gatekeeper-system/gatekeeper-admin": read-all-secrets',
        'ServiceAccount "ingress-nginx/ingress-nginx": read-all-secrets',
        // May create and read Secrets in its namespace: a token Secret for the controller's ServiceAccount.
        'ServiceAccount "ingress-nginx/ingress-nginx-admission": create-token-secret → read-all-secrets',
        // Patches Deployments cluster-wide: the pod template of a Deployment whose namespace holds such a ServiceAccount.
        'ServiceAccount "istio-system/kiali": modify-workload → read-all-secrets',
        'ServiceAccount "kube-system/kube-state-metrics": read-all-secrets',
      ],
    );
  });
});
