import type { ResourceCheck } from '../../engine/types.js';
import { containerImages } from '../shared/image.js';

export const imageLatestTag: ResourceCheck = {
  id: 'image-latest-tag',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Image uses the latest tag',
    summary: 'A container image is referenced by `:latest` or by no tag at all, so what runs changes whenever the tag moves and cannot be traced to a build.',
    severity: 'medium',
    category: 'images',
    remediation: 'Reference a specific version (`nginx:1.27.2`), better still pinned by digest (`nginx:1.27.2@sha256:…`), and update it deliberately.',
    references: [
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
      'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
    ],
    frameworks: [
      { framework: 'NSA', control: 'supply-chain/immutable-images' },
      { framework: 'MITRE', control: 'T1525' },
    ],
  },
  run({ podSpec, report }) {
    for (const { container, image, reference } of containerImages(podSpec)) {
      if (reference.digest !== undefined || (reference.tag !== undefined && reference.tag !== 'latest')) continue;
      report({
        path: [...container.path, 'image'],
        container: container.name,
        message:
          reference.tag === undefined
            ? `container "${container.name}" uses image "${image}" without a tag, which means :latest`
            : `container "${container.name}" uses image "${image}" with the mutable :latest tag`,
      });
    }
  },
};
