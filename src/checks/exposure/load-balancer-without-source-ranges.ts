import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';

/** Cloud provider annotations that make a LoadBalancer Service internal (a private address only), with the value that does it. */
const INTERNAL_ANNOTATIONS: Record<string, (value: string) => boolean> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': (value) => value !== '' && value !== 'false',
  'service.beta.kubernetes.io/aws-load-balancer-scheme': (value) => value === 'internal',
  'networking.gke.io/load-balancer-type': (value) => value.toLowerCase() === 'internal',
  'cloud.google.com/load-balancer-type': (value) => value.toLowerCase() === 'internal',
  'service.beta.kubernetes.io/azure-load-balancer-internal': (value) => value === 'true',
  'service.beta.kubernetes.io/oci-load-balancer-internal': (value) => value === 'true',
  'service.beta.kubernetes.io/openstack-internal-load-balancer': (value) => value === 'true',
  'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type': (value) => value === 'private',
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': (value) => value === 'intranet',
};

/** The annotation cloud providers read when `spec.loadBalancerSourceRanges` is empty. */
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** A CIDR with prefix length 0 (`0.0.0.0/0`, `::/0`) admits every address. */
const isAnyAddress = (cidr: string) => /\/0+$/.test(cidr.trim());

export const loadBalancerWithoutSourceRanges: ResourceCheck = {
  id: 'load-balancer-without-source-ranges',
  scope: 'resource',
  appliesTo: ['Service'],
  meta: {
    title: 'LoadBalancer open to any address',
    summary: 'A LoadBalancer Service has no `loadBalancerSourceRanges` (or allows 0.0.0.0/0), so the cloud load balancer accepts connections from the whole internet.',
    severity: 'medium',
    category: 'exposure',
    remediation:
      'Set `spec.loadBalancerSourceRanges` to the client networks that need access, or make the load balancer internal with your cloud provider\'s annotation. Publish internet-facing HTTP applications through an Ingress or Gateway with TLS and authentication instead.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer',
      'https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/',
      'https://kubernetes.io/docs/concepts/services-networking/service/#internal-load-balancer',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/exposure' },
      { framework: 'MITRE', control: 'T1190' },
      { framework: 'MITRE', control: 'T1133' },
    ],
  },
  run({ resource, report }) {
    const { spec, metadata } = resource.object;
    if (!isRecord(spec) || spec.type !== 'LoadBalancer') return;
    const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {};
    for (const [name, isInternal] of Object.entries(INTERNAL_ANNOTATIONS)) {
      const value = annotations[name];
      if (typeof value === 'string' && isInternal(value)) return;
    }
    const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [];
    const service = `LoadBalancer Service "${resource.name}"`;
    if (ranges.length > 0) {
      ranges.forEach((cidr: unknown, index) => {
        if (typeof cidr === 'string' && isAnyAddress(cidr)) {
          report({ path: ['spec', 'loadBalancerSourceRanges', index], message: `${service} allows ${cidr.trim()}: any address can connect` });
        }
      });
      return;
    }
    const legacy = annotations[SOURCE_RANGES_ANNOTATION];
    if (typeof legacy === 'string' && legacy.trim() !== '') {
      const open = legacy.split(',').map((cidr) => cidr.trim()).filter(isAnyAddress);
      if (open.length > 0) report({ path: ['metadata', 'annotations', SOURCE_RANGES_ANNOTATION], message: `${service} allows ${open.join(', ')}: any address can connect` });
      return;
    }
    report({ path: ['spec', 'loadBalancerSourceRanges'], message: `${service} sets no loadBalancerSourceRanges: any address can connect` });
  },
};
