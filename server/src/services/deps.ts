import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';

/** What every service needs; built once by createApp. */
export interface Deps {
  store: Store;
  clock: Clock;
  config: Config;
}
