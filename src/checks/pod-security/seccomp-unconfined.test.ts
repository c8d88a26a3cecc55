import { testCheck } from '../../testing/index.js';
import { seccompUnconfined } from './seccomp-unconfined.js';
import { cases } from './seccomp-unconfined.cases.js';

testCheck(seccompUnconfined, cases);
