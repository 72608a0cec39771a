// The helper lives in src/testing so that other packages import it as "@quire/store/testing".
export * from "../src/testing/index.js";
