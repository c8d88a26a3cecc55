import type { Check } from '../engine/types.js';
import { imageLatestTag } from './images/image-latest-tag.js';
import { imageNotPinnedByDigest } from './images/image-not-pinned-by-digest.js';
import { privilegeEscalationAllowed } from './pod-security/privilege-escalation-allowed.js';
import { privilegedContainer } from './pod-security/privileged-container.js';
import { runAsRootAllowed } from './pod-security/run-as-root-allowed.js';
import { pssBaseline } from './pss/pss-baseline.js';
import { pssRestricted } from './pss/pss-restricted.js';
import { EXPOSURE_CHECKS } from './registry-exposure.js';
import { HYGIENE_CHECKS } from './registry-hygiene.js';
import { MESH_CHECKS } from './registry-mesh.js';
import { RBAC_CHECKS } from './registry-rbac.js';
import { POD_SECURITY_CHECKS } from './registry-pod-security.js';
import { WORKLOAD_CHECKS } from './registry-workload.js';

/** Every built-in check, in a fixed order. Registration is explicit: no import side effects. */
export const BUILTIN_CHECKS: readonly Check[] = [
  privilegedContainer,
  privilegeEscalationAllowed,
  runAsRootAllowed,
  ...POD_SECURITY_CHECKS,
  imageLatestTag,
  imageNotPinnedByDigest,
  ...WORKLOAD_CHECKS,
  ...EXPOSURE_CHECKS,
  ...RBAC_CHECKS,
  ...MESH_CHECKS,
  ...HYGIENE_CHECKS,
  pssBaseline,
  pssRestricted,
];

export function findCheck(id: string): Check | undefined {
  return BUILTIN_CHECKS.find((check) => check.id === id);
}
