import type { Plugin } from 'rollup';

export declare function readKeys(keysFile: string): Promise<Map<string, number>>;
export declare function inlineKeys(source: string, keys: Map<string, number>, file?: string): string;
export declare function textsAsArray(file: string): Promise<string>;
export declare function texts(options: { keysFile: string; sourceDir: string; textsFile: RegExp }): Plugin;
