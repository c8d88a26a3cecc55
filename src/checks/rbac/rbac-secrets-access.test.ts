import { testCheck } from '../../testing/index.js';
import { rbacSecretsAccess } from './rbac-secrets-access.js';
import { cases } from './rbac-secrets-access.cases.js';

testCheck(rbacSecretsAccess, cases);
