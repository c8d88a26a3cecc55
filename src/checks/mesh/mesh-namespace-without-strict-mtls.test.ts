import { testCheck } from '../../testing/index.js';
import { meshNamespaceWithoutStrictMtls } from './mesh-namespace-without-strict-mtls.js';
import { cases } from './mesh-namespace-without-strict-mtls.cases.js';

testCheck(meshNamespaceWithoutStrictMtls, cases);
