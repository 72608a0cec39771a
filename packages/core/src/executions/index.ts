export {
  type ContextSignatureInput,
  contextSignature,
  contextSignatureLength,
} from "./context-signature.js";
