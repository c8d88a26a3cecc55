import type { Check } from '../engine/types.js';
import { rbacAnonymousAccess } from './rbac/rbac-anonymous-access.js';
import { rbacClusterAdminBinding } from './rbac/rbac-cluster-admin-binding.js';
import { rbacCsrApproval } from './rbac/rbac-csr-approval.js';
import { rbacDefaultServiceAccountBound } from './rbac/rbac-default-service-account-bound.js';
import { rbacEscalationVerbs } from './rbac/rbac-escalation-verbs.js';
import { rbacNodeProxy } from './rbac/rbac-node-proxy.js';
import { rbacPodCreate } from './rbac/rbac-pod-create.js';
import { rbacPodExecAttach } from './rbac/rbac-pod-exec-attach.js';
import { rbacPvCreate } from './rbac/rbac-pv-create.js';
import { rbacSaTokenCreate } from './rbac/rbac-sa-token-create.js';
import { rbacSecretsAccess } from './rbac/rbac-secrets-access.js';
import { rbacSystemMasters } from './rbac/rbac-system-masters.js';
import { rbacWebhookConfig } from './rbac/rbac-webhook-config.js';
import { rbacWildcardRule } from './rbac/rbac-wildcard-rule.js';
import { rbacWorkloadTokenRisky } from './rbac/rbac-workload-token-risky.js';

/** RBAC checks (category `rbac`), in CIS 5.1 order, then the checks across subjects and workloads. */
export const RBAC_CHECKS: readonly Check[] = [
  rbacClusterAdminBinding,
  rbacSecretsAccess,
  rbacWildcardRule,
  rbacPodCreate,
  rbacPodExecAttach,
  rbacSystemMasters,
  rbacEscalationVerbs,
  rbacPvCreate,
  rbacNodeProxy,
  rbacCsrApproval,
  rbacWebhookConfig,
  rbacSaTokenCreate,
  rbacAnonymousAccess,
  rbacDefaultServiceAccountBound,
  rbacWorkloadTokenRisky,
];
