import { testCheck } from '../../testing/index.js';
import { rbacWildcardRule } from './rbac-wildcard-rule.js';
import { cases } from './rbac-wildcard-rule.cases.js';

testCheck(rbacWildcardRule, cases);
