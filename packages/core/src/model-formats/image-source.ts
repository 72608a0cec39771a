import { QuireError } from "../errors/index.js";
import type { ImagePart } from "./chat-message.js";

export type ImageSource =
  | { kind: "base64"; mediaType: string; data: string }
  | { kind: "url"; url: string; mediaType: string | undefined };

const dataUrlPattern = /^data:([^;,]+);base64,(.*)$/s;

const mediaTypeByExtension: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/** Splits an image part into base64 data (from a data URL) or a URL, with its media type. */
export function imageSource(image: ImagePart, messageIndex: number): ImageSource {
  if (image.url.startsWith("data:")) {
    const match = dataUrlPattern.exec(image.url);
    if (match === null) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `Message ${messageIndex} has an image data URL that is not base64 (expected data:<media type>;base64,<data>).`,
        { details: { messageIndex } },
      );
    }
    return { kind: "base64", mediaType: image.mediaType ?? match[1]!, data: match[2]! };
  }
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(image.url)?.[1]?.toLowerCase();
  const guessed = extension === undefined ? undefined : mediaTypeByExtension[extension];
  return { kind: "url", url: image.url, mediaType: image.mediaType ?? guessed };
}
