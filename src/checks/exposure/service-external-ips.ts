import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';

export const serviceExternalIps: ResourceCheck = {
  id: 'service-external-ips',
  scope: 'resource',
  appliesTo: ['Service'],
  meta: {
    title: 'Service sets externalIPs',
    summary: 'A Service claims `spec.externalIPs`: kube-proxy on every node then captures traffic to those addresses, which can intercept traffic meant for other hosts (CVE-2020-8554).',
    severity: 'medium',
    category: 'exposure',
    remediation:
      'Remove `spec.externalIPs`; expose the Service with a LoadBalancer or an Ingress instead. Block the field cluster-wide with the `DenyServiceExternalIPs` admission plugin or a policy that allows it only for trusted, listed addresses.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
      'https://github.com/kubernetes/kubernetes/issues/97076',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/exposure' },
      { framework: 'MITRE', control: 'T1557' },
    ],
  },
  run({ resource, report }) {
    const spec = resource.object.spec;
    if (!isRecord(spec) || !Array.isArray(spec.externalIPs)) return;
    const addresses = spec.externalIPs.filter((address): address is string => typeof address === 'string' && address.trim() !== '');
    if (addresses.length === 0) return;
    report({
      path: ['spec', 'externalIPs'],
      message: `Service "${resource.name}" claims external IP${addresses.length === 1 ? '' : 's'} ${addresses.join(', ')}: every node will route traffic for ${addresses.length === 1 ? 'it' : 'them'} to this Service`,
    });
  },
};
