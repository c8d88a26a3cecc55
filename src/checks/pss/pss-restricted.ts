import { pssLevelCheck } from './pss-level.js';

export const pssRestricted = pssLevelCheck('restricted', {
  title: 'Pod Security Standards: restricted',
  summary: 'The pod would be rejected by a namespace that enforces the restricted Pod Security Standard, the current hardening best practice for pods.',
  severity: 'medium',
  remediation:
    'Set runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities.drop: ["ALL"] and seccompProfile.type: RuntimeDefault, use only the allowed volume types, and fix every baseline violation; each finding names the upstream check it breaks.',
});
