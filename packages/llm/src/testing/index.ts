export * from "./deterministic-embedding.js";
export * from "./fake-clock.js";
export * from "./stub-language-model.js";
export * from "./test-model-server.js";
export * from "./test-reply.js";
export * from "./test-tool-endpoint.js";
