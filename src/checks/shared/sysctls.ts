/**
 * Sysctls that the kubelet allows by default and the Pod Security Standards `baseline`
 * level accepts: namespaced per pod and isolated from other pods on the node. This is the
 * set of Kubernetes v1.37 (pod-security-admission `sysctlsAllowedV1Dot37`); the comments
 * give the release that added each group, so users of older clusters can tell what their
 * kubelet and admission would still refuse.
 */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  // Kubernetes 1.0 policy
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  // 1.27
  'net.ipv4.ip_local_reserved_ports',
  // 1.29
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  // 1.32
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  // 1.37
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

/**
 * A sysctl name in its dotted form. Kubernetes also accepts the slash form
 * (`net/ipv4/tcp_syncookies`), in which a dot is part of a segment (an interface name such
 * as `eth0.100`); converting swaps the two separators, as the kubelet does.
 */
export function dottedSysctlName(name: string): string {
  const firstSeparator = /[./]/.exec(name)?.[0];
  if (firstSeparator !== '/') return name;
  return name.replace(/[./]/g, (separator) => (separator === '/' ? '.' : '/'));
}
