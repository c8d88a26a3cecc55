import { testCheck } from '../../testing/index.js';
import { imageNotPinnedByDigest } from './image-not-pinned-by-digest.js';
import { cases } from './image-not-pinned-by-digest.cases.js';

testCheck(imageNotPinnedByDigest, cases);
