// dist/inflow-more.js: registers the extra bundle where the core (lazy.ts) looks for it.
import { more } from './more';

(window as Window & { __inflowMore?: typeof more }).__inflowMore = more;
