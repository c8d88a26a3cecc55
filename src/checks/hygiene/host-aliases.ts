import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';

/** `name → ip` for each entry, for the message. */
function describeAliases(aliases: readonly unknown[]): string {
  return aliases
    .flatMap((alias) => {
      if (!isRecord(alias)) return [];
      const names = Array.isArray(alias.hostnames) ? alias.hostnames.map(String) : [];
      return names.map((name) => `${name} → ${String(alias.ip)}`);
    })
    .join(', ');
}

export const hostAliases: ResourceCheck = {
  id: 'host-aliases',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Pod overrides name resolution with hostAliases',
    summary: "A pod sets `hostAliases`, which writes fixed name-to-IP entries into its `/etc/hosts`: those names bypass cluster DNS, so traffic for them goes wherever the manifest says, including to an impersonated service.",
    severity: 'low',
    category: 'hygiene',
    remediation: 'Resolve names through DNS: use a Service (an ExternalName Service or one without selector with explicit EndpointSlices) for external endpoints, or fix the DNS records. Keep `hostAliases` only for addresses you control, and review every change to them.',
    references: ['https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/', 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/'],
    frameworks: [{ framework: 'MITRE', control: 'T1557' }],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || !Array.isArray(podSpec.spec.hostAliases) || podSpec.spec.hostAliases.length === 0) return;
    const entries = describeAliases(podSpec.spec.hostAliases);
    report({
      path: [...podSpec.path, 'hostAliases'],
      message: `the pod pins host names in /etc/hosts (${entries === '' ? 'entries without host names' : entries}): these names bypass cluster DNS and resolve to whatever the manifest says`,
    });
  },
};
