import { testCheck } from '../../testing/index.js';
import { kubernetesDashboardDeployed } from './kubernetes-dashboard-deployed.js';
import { cases } from './kubernetes-dashboard-deployed.cases.js';

testCheck(kubernetesDashboardDeployed, cases);
