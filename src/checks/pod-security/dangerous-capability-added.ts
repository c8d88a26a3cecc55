import type { ResourceCheck } from '../../engine/types.js';
import type { Severity } from '../../findings/types.js';
import { stringsOf } from '../../model/resource.js';
import { canonicalCapability, capabilityEntries } from '../shared/capabilities.js';
import { isWindowsPod } from '../shared/security-context.js';

const DEFAULT_DANGEROUS = ['SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'ALL'];

/** What each well-known capability lets a process do, and how bad that is for the node. */
const KNOWN: Readonly<Record<string, { grants: string; severity: Severity }>> = {
  ALL: { grants: 'every Linux capability, close to a privileged container', severity: 'high' },
  SYS_ADMIN: { grants: 'mounting filesystems and most other administrative operations, the usual first step of a container escape', severity: 'high' },
  SYS_MODULE: { grants: "loading modules into the node's kernel", severity: 'high' },
  DAC_READ_SEARCH: { grants: 'reading any file and opening files by handle, which escapes the container filesystem (the "shocker" attack)', severity: 'high' },
  SYS_PTRACE: { grants: 'tracing and injecting code into other processes', severity: 'medium' },
  NET_ADMIN: { grants: 'reconfiguring interfaces, routes and firewall rules', severity: 'medium' },
  BPF: { grants: 'loading eBPF programs into the kernel', severity: 'medium' },
  PERFMON: { grants: 'kernel tracing and performance monitoring', severity: 'medium' },
  // Part of the containerd and Docker default set: adding it matters where ALL was dropped first.
  NET_RAW: { grants: 'raw sockets, to forge packets and spoof ARP or DNS answers', severity: 'low' },
};

function dangerousCapabilities(option: unknown): ReadonlySet<string> {
  const configured = Array.isArray(option) ? stringsOf(option) : DEFAULT_DANGEROUS;
  return new Set(configured.map(canonicalCapability));
}

export const dangerousCapabilityAdded: ResourceCheck = {
  id: 'dangerous-capability-added',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Dangerous capability added',
    summary: 'A container adds a capability that lets it attack the node or its neighbours (SYS_ADMIN, SYS_MODULE, NET_ADMIN, NET_RAW, SYS_PTRACE, ALL …).',
    severity: 'high',
    category: 'pod-security',
    remediation:
      'Remove the capability from `securityContext.capabilities.add`. If the workload really needs it (a CNI plugin, a node agent), run it in a dedicated namespace with tight access and document why.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.8' },
      { framework: 'CIS', control: '5.2.9' },
      { framework: 'NSA', control: 'pod-security/capabilities' },
      { framework: 'MITRE', control: 'T1611' },
    ],
    options: {
      capabilities: {
        description: 'Capabilities reported when added, with or without the CAP_ prefix, in any case.',
        type: 'string[]',
        default: DEFAULT_DANGEROUS,
      },
    },
  },
  run({ podSpec, options, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    // Most containers add nothing: the configured list is read only for one that does.
    let dangerous: ReadonlySet<string> | undefined;
    for (const container of podSpec.containers) {
      for (const entry of capabilityEntries(container, 'add')) {
        dangerous ??= dangerousCapabilities(options.capabilities);
        if (!dangerous.has(entry.canonical)) continue;
        const known = KNOWN[entry.canonical];
        const spelled = entry.name === entry.canonical ? entry.name : `"${entry.name}" (${entry.canonical})`;
        report({
          path: entry.path,
          container: container.name,
          severity: known?.severity ?? 'medium',
          message: `container "${container.name}" adds ${spelled}${known ? `: ${known.grants}` : ''}`,
        });
      }
    }
  },
};
