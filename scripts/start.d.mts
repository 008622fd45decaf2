export declare const QUICK_TIMEOUT_MS: number;
export declare const SLOW_DOWNLOAD_TIMEOUT_MS: number;
export declare function electronBinaryPath(root?: string, env?: Record<string, string | undefined>): string | null;
export declare function fallbackLine(reason: string): string;
export declare function displayProblem(platform?: string, env?: Record<string, string | undefined>): string | null;
export declare function ensureElectronBinary(): Promise<{ ok: true; binary: string } | { ok: false; reason: string }>;
