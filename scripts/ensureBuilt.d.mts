export declare function rendererIsStale(): boolean;
export declare function ensureBuilt(options?: { quiet?: boolean }): Promise<void>;
