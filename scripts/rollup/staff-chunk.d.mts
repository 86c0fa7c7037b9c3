import type { Plugin } from 'rollup';

export declare function staffChunk(options: { imports: RegExp; importers: RegExp }): { record: Plugin; link: Plugin };
