import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';

const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

export const legacyServiceAccountTokenSecret: ResourceCheck = {
  id: 'legacy-service-account-token-secret',
  scope: 'resource',
  appliesTo: ['Secret'],
  meta: {
    title: 'Long-lived service account token Secret',
    summary: 'A Secret of type `kubernetes.io/service-account-token` asks the control plane for a ServiceAccount token that never expires and is not bound to any pod.',
    severity: 'medium',
    category: 'service-accounts',
    remediation: 'Delete the Secret and obtain short-lived tokens instead: projected `serviceAccountToken` volumes for pods, the TokenRequest API (`kubectl create token`) for clients outside the cluster.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets',
      'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#legacy-serviceaccount-token-cleaner',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.6' },
      { framework: 'MITRE', control: 'T1528' },
    ],
  },
  run({ resource, report }) {
    if (resource.object.type !== 'kubernetes.io/service-account-token') return;
    const metadata = resource.object.metadata;
    const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {};
    const account = annotations[SERVICE_ACCOUNT_NAME_ANNOTATION];
    const forWhom = typeof account === 'string' && account !== '' ? `of ServiceAccount "${account}"` : `(no ${SERVICE_ACCOUNT_NAME_ANNOTATION} annotation names the ServiceAccount)`;
    report({
      path: ['type'],
      message: `Secret "${resource.name}" is a legacy token Secret: the control plane fills it with a non-expiring API token ${forWhom}`,
    });
  },
};
