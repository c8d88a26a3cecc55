import { testCheck } from '../../testing/index.js';
import { kubernetesDashboardSkipLogin } from './kubernetes-dashboard-skip-login.js';
import { cases } from './kubernetes-dashboard-skip-login.cases.js';

testCheck(kubernetesDashboardSkipLogin, cases);
