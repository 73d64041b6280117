declare const _exports: typeof import("./tasks/index.js");
export = _exports;
