export declare const FUSES: Record<string, boolean>;
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string; sanitizedName: string }; executableName?: string };
}
export interface FusesModule {
  flipFuses(binary: string, config: Record<string, unknown>): Promise<number>;
  getCurrentFuseWire(binary: string): Promise<Record<string, unknown>>;
}
export declare function fuseConfig(platform: string, arch: number): Record<string, unknown>;
export declare function electronBinaryPath(context: PackContext): string;
export declare function applyFuses(context: PackContext, fuses?: FusesModule): Promise<void>;
export declare function afterPack(context: PackContext): Promise<void>;
export default afterPack;
