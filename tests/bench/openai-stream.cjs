// openai-stream.cjs: the official `openai` npm SDK as a streaming client, for scripts/bench.
// Streams one chat completion from BASE_URL with client.chat.completions.create({stream: true}),
// iterates every chunk and discards the text, as an app built on the SDK would before drawing.
// Exit code 0 only when the stream ended with a finish reason and (when given) the reply had
// exactly EXPECTED_CHARS characters, so a broken run is never timed as a fast one.
//
//   node openai-stream.cjs NODE_MODULES_DIR BASE_URL MODEL [EXPECTED_CHARS]
'use strict';

const path = require('node:path');
const { createRequire } = require('node:module');

async function main() {
    const [modulesDir, baseURL, model, expected] = process.argv.slice(2);
    if (!modulesDir || !baseURL || !model) {
        console.error('usage: node openai-stream.cjs NODE_MODULES_DIR BASE_URL MODEL [EXPECTED_CHARS]');
        return 2;
    }
    // The SDK lives in the build's npm cache (scripts/mcp-servers), not next to this script.
    const requireFromBuild = createRequire(path.join(path.resolve(modulesDir), 'bench.cjs'));
    const OpenAI = requireFromBuild('openai').default;
    const client = new OpenAI({ apiKey: 'bench-key', baseURL, maxRetries: 0 });
    const stream = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'go' }],
        stream: true,
    });
    let chars = 0;
    let finish = null;
    for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (!choice)
            continue; // the usage chunk
        if (choice.delta && typeof choice.delta.content === 'string')
            chars += choice.delta.content.length;
        if (choice.finish_reason)
            finish = choice.finish_reason;
    }
    if (!finish) {
        console.error('openai-stream: the stream ended without a finish reason');
        return 1;
    }
    if (expected !== undefined && chars !== Number(expected)) {
        console.error(`openai-stream: received ${chars} characters, expected ${expected}`);
        return 1;
    }
    return 0;
}

main().then(
    (code) => process.exit(code),
    (error) => {
        console.error(`openai-stream: ${error && error.message ? error.message : error}`);
        process.exit(1);
    });
