export declare const ROOT: string;
export declare const HEADERS_URL: string;
export declare function electronVersion(root?: string): string;
export declare function builderOs(platform: string): string;
export declare function electronNativeRelPath(version: string, platform?: string, arch?: string): string;
export declare function electronNativePath(root?: string, version?: string, platform?: string, arch?: string): string;
export type NativeBuildResult = { ok: true; path: string; built: boolean } | { ok: false; reason: string };
export declare function buildElectronNative(options?: {
  root?: string;
  version?: string;
  arch?: string;
  force?: boolean;
  headersTimeoutMs?: number;
  buildTimeoutMs?: number;
  verbose?: boolean;
}): Promise<NativeBuildResult>;
