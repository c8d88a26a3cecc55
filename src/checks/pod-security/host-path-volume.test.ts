import { testCheck } from '../../testing/index.js';
import { hostPathVolume } from './host-path-volume.js';
import { cases } from './host-path-volume.cases.js';

testCheck(hostPathVolume, cases);
