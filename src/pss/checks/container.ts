import { recordOf } from '../../model/resource.js';
import type { Path } from '../../yaml/path.js';
import { ALLOWED, type PssCheck } from '../types.js';
import { containerName, containerPath, containersPhrase, joinQuote, podPath, podSecurityContext, securityContext, unique } from '../util.js';

export const privileged: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  versions: [
    {
      minimumMinor: 0,
      evaluate(pod) {
        const bad = pod.containers.filter((container) => securityContext(container).privileged === true);
        if (bad.length === 0) return ALLOWED;
        return {
          allowed: false,
          reason: 'privileged',
          detail: `${containersPhrase(bad.map(containerName))} must not set securityContext.privileged=true`,
          paths: bad.map((container) => containerPath(container, 'securityContext', 'privileged')),
        };
      },
    },
  ],
};

/** Capabilities a container may add at the baseline level. */
const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

export function addedCapabilities(capabilities: unknown): string[] {
  const add = recordOf(capabilities).add;
  return Array.isArray(add) ? add.map((item) => String(item)) : [];
}

export const capabilitiesBaseline: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  versions: [
    {
      minimumMinor: 0,
      evaluate(pod) {
        const names: string[] = [];
        const forbidden: string[] = [];
        const paths: Path[] = [];
        for (const container of pod.containers) {
          const added = addedCapabilities(securityContext(container).capabilities);
          let bad = false;
          added.forEach((capability, index) => {
            if (!BASELINE_CAPABILITIES.has(capability)) {
              bad = true;
              forbidden.push(capability);
              paths.push(containerPath(container, 'securityContext', 'capabilities', 'add', index));
            }
          });
          if (bad) names.push(containerName(container));
        }
        if (names.length === 0) return ALLOWED;
        const distinct = unique(forbidden).sort();
        return {
          allowed: false,
          reason: 'non-default capabilities',
          detail: `${containersPhrase(names)} must not include ${joinQuote(distinct)} in securityContext.capabilities.add`,
          paths,
        };
      },
    },
  ],
};

function procMountViolations(pod: Parameters<PssCheck['versions'][number]['evaluate']>[0], allowUnmaskedWithUserNamespace: boolean) {
  // From v1.35, a pod in its own user namespace (hostUsers: false) may unmask /proc at baseline.
  if (allowUnmaskedWithUserNamespace && pod.spec.hostUsers === false) return ALLOWED;
  const names: string[] = [];
  const types: string[] = [];
  const paths: Path[] = [];
  for (const container of pod.containers) {
    const procMount = securityContext(container).procMount;
    if (procMount === undefined || procMount === null || procMount === 'Default') continue;
    names.push(containerName(container));
    types.push(String(procMount));
    paths.push(containerPath(container, 'securityContext', 'procMount'));
  }
  if (names.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'procMount',
    detail: `${containersPhrase(names)} must not set securityContext.procMount to ${joinQuote(unique(types).sort())}`,
    paths,
  };
}

export const procMount: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  versions: [
    { minimumMinor: 0, evaluate: (pod) => procMountViolations(pod, false) },
    { minimumMinor: 35, evaluate: (pod) => procMountViolations(pod, true) },
  ],
};

export const procMountRestricted: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  versions: [{ minimumMinor: 35, evaluate: (pod) => procMountViolations(pod, false), overrides: ['procMount'] }],
};

/** Sysctls namespaced to the pod and isolated from the node, by the version that first allowed them. */
const SAFE_SYSCTLS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

/** The safe sysctls at a policy version. */
export function safeSysctls(minor: number): Set<string> {
  return new Set(SAFE_SYSCTLS.filter(([since]) => since <= minor).flatMap(([, names]) => names));
}

function sysctlsAt(minor: number): PssCheck['versions'][number] {
  const allowed = safeSysctls(minor);
  return {
    minimumMinor: minor,
    evaluate(pod) {
      const sysctls = podSecurityContext(pod).sysctls;
      const forbidden: string[] = [];
      const paths: Path[] = [];
      (Array.isArray(sysctls) ? sysctls : []).forEach((sysctl: unknown, index) => {
        const name = String(recordOf(sysctl).name ?? '');
        if (!allowed.has(name)) {
          forbidden.push(name);
          paths.push(podPath(pod, 'securityContext', 'sysctls', index, 'name'));
        }
      });
      if (forbidden.length === 0) return ALLOWED;
      return { allowed: false, reason: 'forbidden sysctls', detail: forbidden.join(', '), paths };
    },
  };
}

export const sysctls: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  versions: SAFE_SYSCTLS.map(([since]) => sysctlsAt(since)),
};
