import type { ResourceCheck } from '../../engine/types.js';
import { containerImages } from '../shared/image.js';

export const imageNotPinnedByDigest: ResourceCheck = {
  id: 'image-not-pinned-by-digest',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Image not pinned by digest',
    summary: 'A container image is referenced by tag only; tags can be moved to other content, digests cannot.',
    severity: 'low',
    category: 'images',
    remediation: 'Append the image digest: `nginx:1.27.2@sha256:<digest>` (from `crane digest`, `docker buildx imagetools inspect` or your registry), and let a bot such as Renovate update it.',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names', 'https://slsa.dev/spec/v1.0/requirements'],
    frameworks: [
      { framework: 'NSA', control: 'supply-chain/immutable-images' },
      { framework: 'MITRE', control: 'T1525' },
    ],
  },
  run({ podSpec, report }) {
    for (const { container, image, reference } of containerImages(podSpec)) {
      if (reference.digest !== undefined) continue;
      report({
        path: [...container.path, 'image'],
        container: container.name,
        message: `container "${container.name}" uses image "${image}" by tag, not by digest`,
      });
    }
  },
};
