/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const __wbg_bank_free: (a: number, b: number) => void;
export const bank_builtin: (a: number, b: number) => [number, number, number];
export const bank_contentDigest: (a: number) => [number, number];
export const bank_definition: (a: number) => [number, number, number];
export const bank_fromYaml: (a: any) => [number, number, number];
export const bank_id: (a: number) => [number, number];
export const bank_items: (a: number, b: number, c: number) => [number, number, number];
export const bank_reference: (a: number) => [number, number];
export const bank_score: (a: number, b: any) => [number, number, number];
export const bank_scoringDigest: (a: number) => [number, number];
export const bank_validate: (a: number, b: any) => [number, number, number];
export const bank_version: (a: number) => [number, number];
export const banks: () => [number, number, number];
export const engineVersion: () => [number, number];
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_exn_store: (a: number) => void;
export const __externref_table_alloc: () => number;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
