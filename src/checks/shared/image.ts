import type { ContainerRef, PodSpecRef } from '../../model/workload.js';
import { rememberedPer } from '../../model/memo.js';

/** A container image reference, split the way container runtimes read it. */
export interface ImageReference {
  /** Registry host (and port); `docker.io` when the reference names none. */
  registry: string;
  /** Repository path inside the registry, e.g. `library/nginx`. */
  repository: string;
  tag: string | undefined;
  /** `algorithm:hex`, when the reference pins a digest. */
  digest: string | undefined;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/** Parses `registry:port/path/name:tag@sha256:…`; undefined for an empty or malformed reference. */
export function parseImageReference(reference: string): ImageReference | undefined {
  const text = reference.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '') return undefined;
  }
  if (rest === '') return undefined;
  const firstSlash = rest.indexOf('/');
  const first = firstSlash === -1 ? '' : rest.slice(0, firstSlash);
  let registry = 'docker.io';
  let repository = rest;
  if (first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    repository = rest.slice(firstSlash + 1);
  } else if (firstSlash === -1) {
    repository = `library/${rest}`;
  }
  return { registry, repository, tag, digest };
}

/** A container's image reference, parsed; containers without a parsable image are left out. */
export interface ContainerImage {
  container: ContainerRef;
  image: string;
  reference: ImageReference;
}

const NO_IMAGES: readonly ContainerImage[] = Object.freeze([]);
const imagesOf = rememberedPer(readContainerImages);

/** The parsed images of a pod's containers, worked out once per pod spec (every image check asks): do not change the list. */
export function containerImages(podSpec: PodSpecRef | undefined): readonly ContainerImage[] {
  return podSpec === undefined ? NO_IMAGES : imagesOf(podSpec);
}

function readContainerImages(podSpec: PodSpecRef): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const container of podSpec.containers) {
    const image = container.container.image;
    if (typeof image !== 'string') continue;
    const reference = parseImageReference(image);
    if (reference !== undefined) out.push({ container, image, reference });
  }
  return out;
}
