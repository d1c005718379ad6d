import { conformanceSuite } from '../helpers/conformance-suite.js';

conformanceSuite('multiprocess');
