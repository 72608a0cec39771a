import { UsageError } from "../usage-error.js";

/** True when the CLI can ask the person at the keyboard (stdin and stderr are terminals). */
export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/**
 * Reads one line from the terminal. `hidden`: nothing is echoed (a password). Ctrl-C aborts with
 * a usage error; Ctrl-D on an empty line gives an empty answer.
 */
export function readLineFromTerminal(question: string, hidden: boolean): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let answer = "";
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.resume();
    input.setEncoding("utf8");
    const finish = (error?: Error) => {
      input.setRawMode(wasRaw);
      input.pause();
      input.removeListener("data", onData);
      process.stderr.write("\n");
      if (error === undefined) resolve(answer);
      else reject(error);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === "\r" || character === "\n" || character === "\u0004") {
          finish();
          return;
        }
        if (character === "\u0003") {
          finish(new UsageError("Cancelled."));
          return;
        }
        if (character === "\u007f" || character === "\b") {
          if (answer.length > 0) {
            answer = answer.slice(0, -1);
            if (!hidden) process.stderr.write("\b \b");
          }
          continue;
        }
        answer += character;
        if (!hidden) process.stderr.write(character);
      }
    };
    input.on("data", onData);
  });
}
