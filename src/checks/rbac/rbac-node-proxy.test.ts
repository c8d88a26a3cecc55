import { testCheck } from '../../testing/index.js';
import { rbacNodeProxy } from './rbac-node-proxy.js';
import { cases } from './rbac-node-proxy.cases.js';

testCheck(rbacNodeProxy, cases);
