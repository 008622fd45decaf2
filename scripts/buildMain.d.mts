import type { BuildOptions } from 'esbuild';
export declare function coreWorkerBuildOptions(outfile?: string): BuildOptions;
export declare function buildMain(): Promise<void>;
