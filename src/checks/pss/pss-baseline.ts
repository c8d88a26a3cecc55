import { pssLevelCheck } from './pss-level.js';

export const pssBaseline = pssLevelCheck('baseline', {
  title: 'Pod Security Standards: baseline',
  summary: 'The pod would be rejected by a namespace that enforces the baseline Pod Security Standard: it uses a known privilege escalation (privileged, host namespaces, hostPath, host ports, unsafe capabilities, sysctls, AppArmor/SELinux/seccomp overrides).',
  severity: 'high',
  remediation: 'Fix each violation named in the finding (the rule is the upstream check id), or run the workload in a namespace whose pod-security.kubernetes.io/enforce level is privileged, deliberately and with an exception on record.',
});
