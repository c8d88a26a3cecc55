import type { ResourceCheck } from '../../engine/types.js';
import type { ImageReference } from '../shared/image.js';
import { containerImages } from '../shared/image.js';

/** What the API server fills in when `imagePullPolicy` is left out: Always for `:latest` or no tag, else IfNotPresent. */
function defaultPullPolicy(reference: ImageReference): string {
  return reference.tag === undefined || reference.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export const imagePullPolicyNotAlways: ResourceCheck = {
  id: 'image-pull-policy-not-always',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Image pull policy is not Always for a tag',
    summary: 'A container image referenced by tag is not pulled with `imagePullPolicy: Always`: a node runs whatever it cached under that tag, and pods may use a cached private image without the registry checking their credentials.',
    severity: 'low',
    category: 'images',
    remediation: 'Pin the image by digest (`image: web:1.4@sha256:…`, then `IfNotPresent` is safe), or set `imagePullPolicy: Always` so every start resolves the tag against the registry with the pod\'s credentials.',
    references: [
      'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages',
    ],
    frameworks: [
      { framework: 'NSA', control: 'supply-chain/immutable-images' },
      { framework: 'MITRE', control: 'T1525' },
    ],
  },
  run({ podSpec, report }) {
    for (const { container, image, reference } of containerImages(podSpec)) {
      if (reference.digest !== undefined) continue;
      const written = container.container.imagePullPolicy;
      const policy = typeof written === 'string' ? written : defaultPullPolicy(reference);
      if (policy === 'Always') continue;
      report({
        path: [...container.path, 'imagePullPolicy'],
        container: container.name,
        message:
          typeof written === 'string'
            ? `container "${container.name}" pulls the tagged image "${image}" with imagePullPolicy ${policy}: a node reuses its cached copy of the tag`
            : `container "${container.name}" sets no imagePullPolicy, so Kubernetes uses IfNotPresent for the tagged image "${image}" and a node reuses its cached copy of the tag`,
      });
    }
  },
};
