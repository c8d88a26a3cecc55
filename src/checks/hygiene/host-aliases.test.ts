import { testCheck } from '../../testing/index.js';
import { hostAliases } from './host-aliases.js';
import { cases } from './host-aliases.cases.js';

testCheck(hostAliases, cases);
