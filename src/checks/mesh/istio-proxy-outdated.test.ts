import { testCheck } from '../../testing/index.js';
import { istioProxyOutdated } from './istio-proxy-outdated.js';
import { cases } from './istio-proxy-outdated.cases.js';

testCheck(istioProxyOutdated, cases);
