import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';

/** Whether a certificate host (possibly `*.example.com`) covers a rule host; a wildcard covers exactly one label. */
function covers(certificateHost: string, host: string): boolean {
  if (certificateHost.toLowerCase() === host.toLowerCase()) return true;
  if (!certificateHost.startsWith('*.')) return false;
  const suffix = certificateHost.slice(1).toLowerCase();
  const lower = host.toLowerCase();
  return lower.endsWith(suffix) && !lower.slice(0, -suffix.length).includes('.') && lower.length > suffix.length;
}

export const ingressWithoutTls: ResourceCheck = {
  id: 'ingress-without-tls',
  scope: 'resource',
  appliesTo: ['Ingress'],
  meta: {
    title: 'Ingress without TLS',
    summary: 'An Ingress serves hosts without TLS, so requests, credentials and session cookies travel in clear text between clients and the cluster.',
    severity: 'medium',
    category: 'exposure',
    remediation:
      'Add a `spec.tls` entry whose `hosts` cover every rule host, with a certificate Secret (cert-manager can issue and renew it), and redirect HTTP to HTTPS in the ingress controller.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
      'https://cert-manager.io/docs/usage/ingress/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/tls' },
      { framework: 'MITRE', control: 'T1557' },
    ],
  },
  run({ resource, report }) {
    const spec = resource.object.spec;
    if (!isRecord(spec)) return;
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    const tls = Array.isArray(spec.tls) ? spec.tls.filter(isRecord) : [];
    const ingress = `Ingress "${resource.name}"`;
    if (tls.length === 0) {
      const hasBackend = isRecord(spec.defaultBackend) || isRecord(spec.backend);
      if (rules.length === 0 && !hasBackend) return;
      const hosts = rules.filter(isRecord).map((rule) => rule.host).filter((host): host is string => typeof host === 'string' && host !== '');
      const what = hosts.length > 0 ? `hosts ${hosts.map((host) => `"${host}"`).join(', ')}` : 'all hosts';
      report({ path: ['spec', 'tls'], message: `${ingress} has no tls section: it serves ${what} over plain HTTP` });
      return;
    }
    // A tls entry without hosts applies to the controller's default (wildcard) host: it covers every rule.
    if (tls.some((entry) => !Array.isArray(entry.hosts) || entry.hosts.length === 0)) return;
    const certificateHosts = tls.flatMap((entry) => (entry.hosts as unknown[]).filter((host): host is string => typeof host === 'string'));
    rules.forEach((rule: unknown, index) => {
      if (!isRecord(rule)) return;
      if (typeof rule.host !== 'string' || rule.host === '') {
        report({ path: ['spec', 'rules', index], message: `${ingress} rule ${index} has no host, and no tls entry covers every host: it is served over plain HTTP` });
        return;
      }
      const host = rule.host;
      if (!certificateHosts.some((certificateHost) => covers(certificateHost, host))) {
        report({ path: ['spec', 'rules', index, 'host'], message: `${ingress} serves host "${host}", which no tls entry covers, over plain HTTP` });
      }
    });
  },
};
