import { testCheck } from '../../testing/index.js';
import { apparmorUnconfined } from './apparmor-unconfined.js';
import { cases } from './apparmor-unconfined.cases.js';

testCheck(apparmorUnconfined, cases);
