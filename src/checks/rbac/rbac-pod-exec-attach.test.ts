import { testCheck } from '../../testing/index.js';
import { rbacPodExecAttach } from './rbac-pod-exec-attach.js';
import { cases } from './rbac-pod-exec-attach.cases.js';

testCheck(rbacPodExecAttach, cases);
