import type { Check } from '../engine/types.js';
import { imagePullPolicyNotAlways } from './images/image-pull-policy-not-always.js';
import { imageRegistryNotAllowed } from './images/image-registry-not-allowed.js';
import { mixedDataClassification } from './isolation/mixed-data-classification.js';
import { namespaceWithoutLimitRange } from './isolation/namespace-without-limit-range.js';
import { namespaceWithoutResourceQuota } from './isolation/namespace-without-resource-quota.js';
import { workloadInDefaultNamespace } from './isolation/workload-in-default-namespace.js';
import { defaultServiceAccountAutomount } from './service-accounts/default-service-account-automount.js';
import { defaultServiceAccountUsed } from './service-accounts/default-service-account-used.js';
import { legacyServiceAccountTokenSecret } from './service-accounts/legacy-service-account-token-secret.js';
import { serviceAccountTokenAutomounted } from './service-accounts/service-account-token-automounted.js';
import { cpuLimitsMissing } from './workload/cpu-limits-missing.js';
import { cpuRequestsMissing } from './workload/cpu-requests-missing.js';
import { ephemeralStorageLimitsMissing } from './workload/ephemeral-storage-limits-missing.js';
import { livenessProbeMissing } from './workload/liveness-probe-missing.js';
import { memoryLimitsMissing } from './workload/memory-limits-missing.js';
import { memoryRequestsMissing } from './workload/memory-requests-missing.js';
import { readinessProbeMissing } from './workload/readiness-probe-missing.js';

/** Checks of workload resources, images, service accounts and namespace isolation, in catalogue order. */
export const WORKLOAD_CHECKS: readonly Check[] = [
  cpuRequestsMissing,
  memoryRequestsMissing,
  cpuLimitsMissing,
  memoryLimitsMissing,
  ephemeralStorageLimitsMissing,
  livenessProbeMissing,
  readinessProbeMissing,
  imagePullPolicyNotAlways,
  imageRegistryNotAllowed,
  serviceAccountTokenAutomounted,
  defaultServiceAccountUsed,
  defaultServiceAccountAutomount,
  legacyServiceAccountTokenSecret,
  namespaceWithoutResourceQuota,
  namespaceWithoutLimitRange,
  workloadInDefaultNamespace,
  mixedDataClassification,
];
