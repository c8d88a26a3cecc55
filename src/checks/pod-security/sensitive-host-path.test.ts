import { testCheck } from '../../testing/index.js';
import { sensitiveHostPath } from './sensitive-host-path.js';
import { cases } from './sensitive-host-path.cases.js';

testCheck(sensitiveHostPath, cases);
