import type { PodSpecRef } from '../../model/workload.js';
import { containerImages, type ContainerImage, type ImageReference } from '../shared/image.js';

/** The Dashboard's UI and API images since v7 (`kubernetesui/dashboard-web` …); the metrics scraper is not one of them. */
const KUBERNETESUI_DASHBOARD_IMAGES = new Set(['dashboard', 'dashboard-web', 'dashboard-api', 'dashboard-auth']);

/**
 * Whether an image is the Kubernetes Dashboard: `kubernetesui/dashboard*` (any registry or
 * mirror), or the older `kubernetes-dashboard-<arch>` images and their repackagings
 * (`bitnami/kubernetes-dashboard`).
 */
export function isDashboardImage(reference: ImageReference): boolean {
  // Every name below has it: most images are told apart without splitting.
  if (!reference.repository.includes('dashboard')) return false;
  const segments = reference.repository.split('/');
  const name = segments[segments.length - 1] ?? '';
  if (name.startsWith('kubernetes-dashboard')) return true;
  return KUBERNETESUI_DASHBOARD_IMAGES.has(name) && segments.slice(0, -1).includes('kubernetesui');
}

/** The containers of a pod that run the Dashboard. */
export function dashboardContainers(podSpec: PodSpecRef | undefined): ContainerImage[] {
  return containerImages(podSpec).filter((image) => isDashboardImage(image.reference));
}
