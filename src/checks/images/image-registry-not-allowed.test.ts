import { testCheck } from '../../testing/index.js';
import { imageRegistryNotAllowed } from './image-registry-not-allowed.js';
import { cases } from './image-registry-not-allowed.cases.js';

testCheck(imageRegistryNotAllowed, cases);
