import { testCheck } from '../../testing/index.js';
import { secretDataInManifest } from './secret-data-in-manifest.js';
import { cases } from './secret-data-in-manifest.cases.js';

testCheck(secretDataInManifest, cases);
