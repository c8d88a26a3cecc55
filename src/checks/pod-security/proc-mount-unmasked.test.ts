import { testCheck } from '../../testing/index.js';
import { procMountUnmasked } from './proc-mount-unmasked.js';
import { cases } from './proc-mount-unmasked.cases.js';

testCheck(procMountUnmasked, cases);
