<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnthropicProvider</name>
    <message>
        <source>The model list from Anthropic could not be read: %1</source>
        <translation>无法读取来自 Anthropic 的模型列表：%1</translation>
    </message>
    <message>
        <source>the response is not a JSON object.</source>
        <translation>响应不是 JSON 对象。</translation>
    </message>
    <message>
        <source>it has no &quot;data&quot; list.</source>
        <translation>其中没有 &quot;data&quot; 列表。</translation>
    </message>
</context>
<context>
    <name>AnthropicStreamMapper</name>
    <message>
        <source>Anthropic reported an error: %1 (%2)</source>
        <translation>Anthropic 报告了错误：%1（%2）</translation>
    </message>
    <message>
        <source>Anthropic reported an error: %1</source>
        <translation>Anthropic 报告了错误：%1</translation>
    </message>
    <message>
        <source>Anthropic reported an error (%1).</source>
        <translation>Anthropic 报告了错误（%1）。</translation>
    </message>
    <message>
        <source>Anthropic reported an error in the middle of the reply.</source>
        <translation>Anthropic 在回复过程中报告了错误。</translation>
    </message>
</context>
<context>
    <name>AppOptions</name>
    <message>
        <source>
Commands:
  (none)                 Start the desktop app.
  ask [PROMPT | -]       Send one prompt and stream the reply to stdout (reasoning to
                         stderr). &quot;-&quot; or no PROMPT reads the prompt from standard input.
                         --json prints one JSON object per event and line.
                         The model is offered the profile&apos;s tools (the MCP servers of
                         mcp.json and the built-in tools); a call runs only when
                         --allow-tool NAME or --allow-all-tools allows it, any other is
                         denied and the model told so. --no-tools offers none.
  models                 List the provider&apos;s models (--json: one JSON document).
  history list           List saved conversations (newest first).
  history show ID        Print conversation ID&apos;s current branch, oldest first.
  history search QUERY   Search titles and messages; matches are shown as [..].
                         history reads the saved chats without changing them (safe
                         while the app runs); --json prints one JSON document.
  providers list         List the configured providers and where their keys are kept
                         (never the keys); --json prints one JSON array.
  providers add --name N (--kind K | --preset P) [--base-url URL] [--model M]
                [--api-key-stdin [--allow-secret-file]]
                         Configure a provider (URL: the kind&apos;s default when omitted; M:
                         its default model). --api-key-stdin reads its API key from the
                         first line of standard input into the system keychain; where
                         no keychain is available, --allow-secret-file keeps it in a
                         file of the profile readable only by you.
  providers remove N     Remove provider N (name or id) and its stored key.
  mcp import FILE        Add the MCP servers of FILE (Claude Desktop&apos;s
                         claude_desktop_config.json, or any JSON file with an
                         &quot;mcpServers&quot; object) to the profile&apos;s mcp.json; servers of
                         the same name are replaced.
  mcp list               List the configured MCP servers (--json: one JSON array).
  mcp tools SERVER       Start SERVER and list its tools (--json: one JSON array with
                         each tool&apos;s input schema).
  mcp call SERVER TOOL [ARGS_JSON]
                         Call TOOL of SERVER with ARGS_JSON (a JSON object, default
                         {}): progress on stderr, the result on stdout; exit code 1
                         when the tool reports an error. --json prints one JSON object
                         per event and line. Ctrl+C cancels the call.
</source>
        <translation>
命令：
  （无）                 启动桌面应用。
  ask [PROMPT | -]       发送一条提示词，并把回复以流式传输输出到 stdout（思考内容输出到
                         stderr）。&quot;-&quot; 或不给 PROMPT 时从标准输入读取提示词。
                         --json 每个事件输出一行 JSON 对象。
                         模型可以使用配置目录中的工具（mcp.json 中的 MCP 服务器和内置
                         工具）；只有 --allow-tool NAME 或 --allow-all-tools 允许的调用
                         才会运行，其余调用一律拒绝，并告知模型。--no-tools 不提供任何
                         工具。
  models                 列出服务商的模型（--json：输出一个 JSON 文档）。
  history list           列出已保存的对话（最新的在前）。
  history show ID        输出对话 ID 的当前分支，最早的消息在前。
  history search QUERY   搜索标题和消息；匹配内容显示为 [..]。
                         history 只读取已保存的对话，不做任何修改（应用运行时也可
                         安全使用）；--json 输出一个 JSON 文档。
  providers list         列出已配置的服务商及其密钥的存放位置（绝不显示密钥本身）；
                         --json 输出一个 JSON 数组。
  providers add --name N (--kind K | --preset P) [--base-url URL] [--model M]
                [--api-key-stdin [--allow-secret-file]]
                         配置一个服务商（省略 URL 时使用该类型的默认地址；M：其默认
                         模型）。--api-key-stdin 从标准输入的第一行读取 API 密钥并存入
                         系统密钥环；没有可用的密钥环时，--allow-secret-file 会把它
                         保存在配置目录中一个只有你能读取的文件里。
  providers remove N     删除服务商 N（名称或 ID）及其已保存的密钥。
  mcp import FILE        把 FILE 中的 MCP 服务器（Claude Desktop 的
                         claude_desktop_config.json，或任何含有 &quot;mcpServers&quot; 对象的
                         JSON 文件）添加到配置目录的 mcp.json；同名服务器会被替换。
  mcp list               列出已配置的 MCP 服务器（--json：输出一个 JSON 数组）。
  mcp tools SERVER       启动 SERVER 并列出其工具（--json：输出一个 JSON 数组，包含
                         每个工具的输入 schema）。
  mcp call SERVER TOOL [ARGS_JSON]
                         以 ARGS_JSON（一个 JSON 对象，默认为 {}）调用 SERVER 的工具
                         TOOL：进度输出到 stderr，结果输出到 stdout；工具报告错误时
                         退出码为 1。--json 每个事件输出一行 JSON 对象。Ctrl+C 取消
                         调用。
</translation>
    </message>
    <message>
        <source>
Which provider ask and models use: the one the flags describe (--preset,
--provider-kind, --base-url, --api-key-env), else --provider N, else the provider of the
configured default model, else the environment variables below. The model: --model, else
the provider&apos;s default model, else KEEL_MODEL. A configured provider brings its stored
key, the chat defaults and the network settings (proxy, timeouts) of the profile.

Provider kinds: openai, anthropic, gemini, ollama.
Presets (--preset):
</source>
        <translation>
ask 和 models 使用哪个服务商：命令行参数描述的服务商（--preset、--provider-kind、
--base-url、--api-key-env），否则为 --provider N，否则为所配置默认模型的服务商，
否则由下列环境变量决定。模型：--model，否则为服务商的默认模型，否则为 KEEL_MODEL。
已配置的服务商会带上其已保存的密钥、聊天默认设置以及配置目录中的网络设置（代理、
超时）。

服务商类型：openai、anthropic、gemini、ollama。
预设（--preset）：
</translation>
    </message>
    <message>
        <source>
Environment:
  OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY)
                         API key of each kind (or the variable named by --api-key-env)
  OPENAI_BASE_URL, ANTHROPIC_BASE_URL, OLLAMA_HOST
                         Base URL when --base-url is not given
  KEEL_MODEL             Model to use when neither --model nor the provider names one
</source>
        <translation>
环境变量：
  OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY)
                         各类型的 API 密钥（或 --api-key-env 指定的变量）
  OPENAI_BASE_URL, ANTHROPIC_BASE_URL, OLLAMA_HOST
                         未给出 --base-url 时使用的基础 URL
  KEEL_MODEL             --model 和服务商都未指定模型时使用的模型
</translation>
    </message>
    <message>
        <source>Keel, a native desktop chat client for LLMs.</source>
        <translation>Keel，一款面向大语言模型的原生桌面聊天客户端。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>显示版本。</translation>
    </message>
    <message>
        <source>Keep all config and data in DIR.</source>
        <translation>将所有配置和数据保存在 DIR 中。</translation>
    </message>
    <message>
        <source>Use the configured provider N (name or id; see providers list).</source>
        <translation>使用已配置的服务商 N（名称或 ID；参见 providers list）。</translation>
    </message>
    <message>
        <source>Use the provider preset NAME (see below).</source>
        <translation>使用服务商预设 NAME（见下文）。</translation>
    </message>
    <message>
        <source>Wire protocol: openai, anthropic, gemini or ollama (default openai).</source>
        <translation>通信协议：openai、anthropic、gemini 或 ollama（默认 openai）。</translation>
    </message>
    <message>
        <source>Base URL of the provider.</source>
        <translation>服务商的基础 URL。</translation>
    </message>
    <message>
        <source>Model name.</source>
        <translation>模型名称。</translation>
    </message>
    <message>
        <source>Read the API key from variable VAR.</source>
        <translation>从变量 VAR 读取 API 密钥。</translation>
    </message>
    <message>
        <source>providers add: the provider&apos;s name.</source>
        <translation>providers add：服务商的名称。</translation>
    </message>
    <message>
        <source>providers add: read the API key from the first line of standard input.</source>
        <translation>providers add：从标准输入的第一行读取 API 密钥。</translation>
    </message>
    <message>
        <source>providers add: where no keychain is available, keep the key in a file of the profile readable only by you.</source>
        <translation>providers add：没有可用的密钥环时，把密钥保存在配置目录中一个只有你能读取的文件里。</translation>
    </message>
    <message>
        <source>System prompt.</source>
        <translation>系统提示词。</translation>
    </message>
    <message>
        <source>Give up after S seconds without data (default 600; 0 = never).</source>
        <translation>连续 S 秒未收到数据后放弃（默认 600；0 = 从不）。</translation>
    </message>
    <message>
        <source>ask, models, history, providers list, mcp, import: print JSON.</source>
        <translation>ask、models、history、providers list、mcp、import：输出 JSON。</translation>
    </message>
    <message>
        <source>ask: run the tool NAME when the model calls it (the name the model sees, or SERVER/TOOL). Repeatable.</source>
        <translation>ask：模型调用工具 NAME 时运行它（模型看到的名称，或 SERVER/TOOL）。可重复使用。</translation>
    </message>
    <message>
        <source>ask: run every tool the model calls, except those set to deny in the Tools settings.</source>
        <translation>ask：运行模型调用的所有工具，但在“工具”设置中设为拒绝的除外。</translation>
    </message>
    <message>
        <source>ask: offer the model no tools.</source>
        <translation>ask：不向模型提供任何工具。</translation>
    </message>
    <message>
        <source>GUI: send TEXT once the window is up.</source>
        <translation>GUI：窗口出现后发送 TEXT。</translation>
    </message>
    <message>
        <source>GUI: open conversation ID once the window is up (--send then goes into it).</source>
        <translation>GUI：窗口出现后打开对话 ID（之后 --send 会发送到该对话）。</translation>
    </message>
    <message>
        <source>GUI: quit once the list is shown, the --open conversation painted and the --send turn over.</source>
        <translation>GUI：在列表显示、--open 的对话绘制完成且 --send 的回合结束后退出。</translation>
    </message>
    <message>
        <source>GUI: save the window to FILE on quit.</source>
        <translation>GUI：退出时将窗口保存到 FILE。</translation>
    </message>
    <message>
        <source>GUI: open the window at WIDTHxHEIGHT pixels (scripted screenshots).</source>
        <translation>GUI：以 WIDTHxHEIGHT 像素打开窗口（用于脚本截图）。</translation>
    </message>
    <message>
        <source>GUI: open the Settings dialog on PAGE once the window is up: providers, chat, assistants, tools, appearance or network (--screenshot then saves the dialog).</source>
        <translation>GUI：窗口出现后在 PAGE 页打开设置对话框：providers、chat、assistants、tools、appearance 或 network（之后 --screenshot 保存该对话框）。</translation>
    </message>
    <message>
        <source>GUI: write latency, heartbeat, start-up, open and memory figures to FILE on exit.</source>
        <translation>GUI：退出时将延迟、心跳、启动、打开和内存数据写入 FILE。</translation>
    </message>
    <message>
        <source>Reasoning effort: low, medium or high.</source>
        <translation>思考强度：low、medium 或 high。</translation>
    </message>
    <message>
        <source>Thinking budget in tokens (Anthropic extended thinking, Gemini thinking).</source>
        <translation>思考预算，以 token 计（Anthropic 扩展思考、Gemini 思考）。</translation>
    </message>
    <message>
        <source>A command (below), or nothing for the app.</source>
        <translation>一个命令（见下文），不给出则启动应用。</translation>
    </message>
    <message>
        <source>ask takes one PROMPT; quote it if it has spaces.</source>
        <translation>ask 只接受一个 PROMPT；如果其中有空格，请加引号。</translation>
    </message>
    <message>
        <source>history show needs a conversation ID (a number, see keel history list).</source>
        <translation>history show 需要一个对话 ID（一个数字，参见 keel history list）。</translation>
    </message>
    <message>
        <source>Usage: keel history list | show ID | search QUERY [--json]</source>
        <translation>用法：keel history list | show ID | search QUERY [--json]</translation>
    </message>
    <message>
        <source>Usage: keel providers list [--json] | add --name N (--kind K | --preset P) [--base-url URL] [--model M] [--api-key-stdin [--allow-secret-file]] | remove N</source>
        <translation>用法：keel providers list [--json] | add --name N (--kind K | --preset P) [--base-url URL] [--model M] [--api-key-stdin [--allow-secret-file]] | remove N</translation>
    </message>
    <message>
        <source>Usage: keel mcp import FILE | list | tools SERVER | call SERVER TOOL [ARGS_JSON] [--json]</source>
        <translation>用法：keel mcp import FILE | list | tools SERVER | call SERVER TOOL [ARGS_JSON] [--json]</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. Try --help.</source>
        <translation>未知命令“%1”。请尝试 --help。</translation>
    </message>
    <message>
        <source>--%1 is an option of keel ask.</source>
        <translation>--%1 是 keel ask 的选项。</translation>
    </message>
    <message>
        <source>--no-tools does not go with --allow-tool or --allow-all-tools.</source>
        <translation>--no-tools 不能与 --allow-tool 或 --allow-all-tools 同时使用。</translation>
    </message>
    <message>
        <source>--%1 is an option of keel providers add.</source>
        <translation>--%1 是 keel providers add 的选项。</translation>
    </message>
    <message>
        <source>keel providers takes neither --provider nor --api-key-env (the key comes from --api-key-stdin).</source>
        <translation>keel providers 不接受 --provider 或 --api-key-env（密钥来自 --api-key-stdin）。</translation>
    </message>
    <message>
        <source>providers add needs --name N.</source>
        <translation>providers add 需要 --name N。</translation>
    </message>
    <message>
        <source>providers add needs --kind K (openai, anthropic, gemini or ollama) or --preset P.</source>
        <translation>providers add 需要 --kind K（openai、anthropic、gemini 或 ollama）或 --preset P。</translation>
    </message>
    <message>
        <source>--allow-secret-file goes with --api-key-stdin.</source>
        <translation>--allow-secret-file 需与 --api-key-stdin 一起使用。</translation>
    </message>
    <message>
        <source>--provider needs the name of a configured provider (see keel providers list).</source>
        <translation>--provider 需要一个已配置服务商的名称（参见 keel providers list）。</translation>
    </message>
    <message>
        <source>--provider names a configured provider; it does not go with --preset, --provider-kind, --base-url or --api-key-env.</source>
        <translation>--provider 指定的是已配置的服务商，不能与 --preset、--provider-kind、--base-url 或 --api-key-env 同时使用。</translation>
    </message>
    <message>
        <source>Unknown preset &quot;%1&quot;. Try --help for the list.</source>
        <translation>未知预设“%1”。请尝试 --help 查看列表。</translation>
    </message>
    <message>
        <source>The preset &quot;%1&quot; speaks %2, not %3.</source>
        <translation>预设“%1”使用 %2 协议，而不是 %3。</translation>
    </message>
    <message>
        <source>Unknown provider kind &quot;%1&quot;: use openai, anthropic, gemini or ollama.</source>
        <translation>未知服务商类型“%1”：请使用 openai、anthropic、gemini 或 ollama。</translation>
    </message>
    <message>
        <source>--idle-timeout needs a number of seconds.</source>
        <translation>--idle-timeout 需要一个秒数。</translation>
    </message>
    <message>
        <source>--reasoning-effort is low, medium or high.</source>
        <translation>--reasoning-effort 只能是 low、medium 或 high。</translation>
    </message>
    <message>
        <source>--thinking-budget needs a number of tokens.</source>
        <translation>--thinking-budget 需要一个 token 数。</translation>
    </message>
    <message>
        <source>--open needs a conversation ID (a number, see keel history list).</source>
        <translation>--open 需要一个对话 ID（一个数字，参见 keel history list）。</translation>
    </message>
    <message>
        <source>--window-size takes WIDTHxHEIGHT in pixels, e.g. 1280x900.</source>
        <translation>--window-size 接受以像素为单位的 WIDTHxHEIGHT，例如 1280x900。</translation>
    </message>
    <message>
        <source>--settings takes one of: %1.</source>
        <translation>--settings 只接受以下之一：%1。</translation>
    </message>
</context>
<context>
    <name>Attachment</name>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 为空。</translation>
    </message>
    <message>
        <source>%1 is %2; images can be at most %3.</source>
        <translation>%1 的大小为 %2；图片最大为 %3。</translation>
    </message>
    <message>
        <source>%1 is neither an image (PNG, JPEG, WebP, GIF) nor a text file.</source>
        <translation>%1 既不是图片（PNG、JPEG、WebP、GIF），也不是文本文件。</translation>
    </message>
    <message>
        <source>%1 is %2; only the first %3 are sent.</source>
        <translation>%1 的大小为 %2；只会发送前 %3。</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>(cut off at %1 of %2)</source>
        <translation>（已截断：%1，原大小 %2）</translation>
    </message>
</context>
<context>
    <name>BuiltinTools</name>
    <message>
        <source>Unknown time zone &quot;%1&quot;; use an IANA name such as &quot;Europe/Paris&quot;, or leave it out for the user&apos;s own.</source>
        <translation>未知时区 &quot;%1&quot;；请使用 IANA 名称，例如 &quot;Europe/Paris&quot;，或省略此项以使用用户自己的时区。</translation>
    </message>
    <message>
        <source>%1 is not text (Content-Type: %2); fetch_url reads text only.</source>
        <translation>%1 不是文本（Content-Type: %2）；fetch_url 只能读取文本。</translation>
    </message>
    <message>
        <source>Fetching %1 failed: %2</source>
        <translation>获取 %1 失败：%2</translation>
    </message>
    <message>
        <source>Current date and time</source>
        <translation>当前日期和时间</translation>
    </message>
    <message>
        <source>Fetch a web page</source>
        <translation>获取网页</translation>
    </message>
    <message>
        <source>fetch_url needs an absolute http or https URL, got &quot;%1&quot;.</source>
        <translation>fetch_url 需要绝对的 http 或 https URL，收到的是 &quot;%1&quot;。</translation>
    </message>
</context>
<context>
    <name>ChatGptImport</name>
    <message>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>[Image: %1 (not included in the export)]</source>
        <translation>[图片：%1（导出中未包含）]</translation>
    </message>
    <message>
        <source>unknown part</source>
        <translation>未知部分</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>%1: 1 image is not included in the export; it is shown as a placeholder.</source>
        <translation>%1：导出中未包含 1 张图片；已用占位符显示。</translation>
    </message>
    <message>
        <source>%1: %2 images are not included in the export; they are shown as placeholders.</source>
        <translation>%1：导出中未包含 %2 张图片；已用占位符显示。</translation>
    </message>
    <message>
        <source>%1: %2 part(s) of type “%3” could not be imported; they are shown as placeholders.</source>
        <translation>%1：有 %2 个类型为“%3”的部分无法导入；已用占位符显示。</translation>
    </message>
    <message>
        <source>%1: %2 message(s) of type “%3” could not be imported; they are shown as placeholders.</source>
        <translation>%1：有 %2 条类型为“%3”的消息无法导入；已用占位符显示。</translation>
    </message>
    <message>
        <source>The conversation is not a JSON object, so it is not a ChatGPT conversation.</source>
        <translation>该对话不是 JSON 对象，因此不是 ChatGPT 对话。</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>The conversation “%1” has no message tree (“mapping”), so it is not a ChatGPT conversation.</source>
        <translation>对话“%1”没有消息树（“mapping”），因此不是 ChatGPT 对话。</translation>
    </message>
    <message>
        <source>“%1” has no messages.</source>
        <translation>“%1”没有任何消息。</translation>
    </message>
</context>
<context>
    <name>ClaudeImport</name>
    <message>
        <source>a tool</source>
        <translation>某个工具</translation>
    </message>
    <message>
        <source>Tool call: %1</source>
        <translation>工具调用：%1</translation>
    </message>
    <message>
        <source>Tool result:</source>
        <translation>工具结果：</translation>
    </message>
    <message>
        <source>Tool result (%1):</source>
        <translation>工具结果（%1）：</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>[File: %1 (not included in the export)]</source>
        <translation>[文件：%1（未包含在导出内容中）]</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1: 1 file is not included in the export; it is shown as a placeholder.</source>
        <translation>%1：有 1 个文件未包含在导出内容中，已显示为占位符。</translation>
    </message>
    <message>
        <source>%1: %2 files are not included in the export; they are shown as placeholders.</source>
        <translation>%1：有 %2 个文件未包含在导出内容中，已显示为占位符。</translation>
    </message>
    <message>
        <source>%1: %2 attached text(s) longer than %3 KB were cut off.</source>
        <translation>%1：%2 个超过 %3 KB 的附加文本已被截断。</translation>
    </message>
    <message>
        <source>%1: %2 content block(s) of type “%3” could not be imported; they are shown as placeholders.</source>
        <translation>%1：%2 个类型为“%3”的内容块无法导入，已显示为占位符。</translation>
    </message>
    <message>
        <source>The conversation is not a JSON object, so it is not a Claude conversation.</source>
        <translation>该对话不是 JSON 对象，因此不是 Claude 对话。</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>“%1” has no messages.</source>
        <translation>“%1”中没有消息。</translation>
    </message>
    <message>
        <source>The conversation “%1” has no message list (“chat_messages”), so it is not a Claude conversation.</source>
        <translation>对话“%1”没有消息列表（“chat_messages”），因此不是 Claude 对话。</translation>
    </message>
</context>
<context>
    <name>ConfigFile</name>
    <message>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <source>it is larger than %1 MB</source>
        <translation>文件大于 %1 MB</translation>
    </message>
    <message>
        <source>%1 could not be read (%2); it was moved to %3 and Keel started with %4.</source>
        <translation>无法读取 %1（%2）；该文件已移至 %3，Keel 已使用 %4 启动。</translation>
    </message>
    <message>
        <source>%1 could not be read (%2) nor moved aside to %3; Keel started with %4, which will replace it when settings are saved.</source>
        <translation>无法读取 %1（%2），也无法将其移至 %3；Keel 已使用 %4 启动，保存设置时将替换原文件。</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>the folder %1 could not be created</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
</context>
<context>
    <name>CurlMulti</name>
    <message>
        <source>the connection was refused (nothing is listening there; is the server running?)</source>
        <translation>连接被拒绝（该地址上没有服务在监听；服务器是否正在运行？）</translation>
    </message>
    <message>
        <source>the host name %1 could not be found. Check the address and the network.</source>
        <translation>找不到主机名 %1。请检查地址和网络。</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted (%1), so nothing was sent</source>
        <translation>服务器的证书不受信任（%1），因此未发送任何内容</translation>
    </message>
    <message>
        <source>the server closed the connection before the reply was finished</source>
        <translation>服务器在回复完成前关闭了连接</translation>
    </message>
    <message>
        <source>the connection was reset before the reply was finished (by the server or the network)</source>
        <translation>连接在回复完成前被重置（由服务器或网络导致）</translation>
    </message>
</context>
<context>
    <name>CurlProxy</name>
    <message>
        <source>The manual proxy has no address. Enter one in the network settings, or choose the system proxy or none.</source>
        <translation>手动代理没有设置地址。请在网络设置中输入地址，或选择系统代理或不使用代理。</translation>
    </message>
    <message>
        <source> (&quot;%1://&quot; is not supported)</source>
        <translation>（不支持“%1://”）</translation>
    </message>
    <message>
        <source>The proxy address must start with http://, https://, socks5:// or socks5h://%1. Check the network settings.</source>
        <translation>代理地址必须以 http://、https://、socks5:// 或 socks5h:// 开头%1。请检查网络设置。</translation>
    </message>
    <message>
        <source>The proxy address is not a valid URL. Check the network settings.</source>
        <translation>代理地址不是有效的 URL。请检查网络设置。</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Keel cannot write to its history at %1: the file or its folder is read-only (%2). What you type stays in the window but is not saved.</source>
        <translation>Keel 无法写入位于 %1 的历史记录：文件或其所在文件夹为只读（%2）。你输入的内容会保留在窗口中，但不会被保存。</translation>
    </message>
    <message>
        <source>The disk holding Keel&apos;s history (%1) is full. What you type stays in the window but is not saved until there is space again.</source>
        <translation>存放 Keel 历史记录的磁盘（%1）已满。你输入的内容会保留在窗口中，但在腾出空间之前不会被保存。</translation>
    </message>
    <message>
        <source>Keel&apos;s history at %1 is locked by another program (%2). The change was not saved; close the other program and try again.</source>
        <translation>位于 %1 的 Keel 历史记录被另一个程序锁定（%2）。更改未保存；请关闭该程序后重试。</translation>
    </message>
    <message>
        <source>Keel&apos;s history at %1 is damaged (%2).</source>
        <translation>位于 %1 的 Keel 历史记录已损坏（%2）。</translation>
    </message>
    <message>
        <source>Keel&apos;s history at %1 reported an error: %2</source>
        <translation>位于 %1 的 Keel 历史记录报告了错误：%2</translation>
    </message>
    <message>
        <source>There is no history database at %1.</source>
        <translation>%1 处没有历史记录数据库。</translation>
    </message>
    <message>
        <source>cannot create the folder</source>
        <translation>无法创建文件夹</translation>
    </message>
    <message>
        <source>opened for reading only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>%1 It was moved to %2 and a new, empty history was started.</source>
        <translation>%1 已将其移至 %2，并新建了一个空的历史记录。</translation>
    </message>
    <message>
        <source>Start Keel to move it aside and begin a new history.</source>
        <translation>启动 Keel 即可将其移到一旁并开始新的历史记录。</translation>
    </message>
    <message>
        <source>Keel&apos;s history at %1 was written by a newer version of Keel (schema %2; this version knows %3). Nothing was changed; please update Keel.</source>
        <translation>位于 %1 的 Keel 历史记录由更新版本的 Keel 写入（结构版本 %2；当前版本支持 %3）。未做任何更改；请更新 Keel。</translation>
    </message>
    <message>
        <source>Keel&apos;s history at %1 is from an older version of Keel: open the app once to upgrade it.</source>
        <translation>位于 %1 的 Keel 历史记录来自旧版本的 Keel：请打开一次应用以完成升级。</translation>
    </message>
    <message>
        <source>Keel&apos;s history at %1 was written by a newer version of Keel; please update Keel.</source>
        <translation>位于 %1 的 Keel 历史记录由更新版本的 Keel 写入；请更新 Keel。</translation>
    </message>
    <message>
        <source>Keel&apos;s history at %1 is damaged and could not be moved aside (to %2). It was left untouched; Keel runs without history.</source>
        <translation>位于 %1 的 Keel 历史记录已损坏，且无法移至 %2。文件未作改动；Keel 将在没有历史记录的情况下运行。</translation>
    </message>
    <message>
        <source>Keel stopped before this reply was finished.</source>
        <translation>Keel 在此回复完成前停止了运行。</translation>
    </message>
    <message>
        <source>Keel&apos;s history is not open, so nothing can be loaded or saved.</source>
        <translation>Keel 的历史记录未打开，因此无法加载或保存任何内容。</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>The history is not open.</source>
        <translation>历史记录未打开。</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>没有已打开的事务。</translation>
    </message>
    <message>
        <source>Conversation %1 is no longer in the history.</source>
        <translation>对话 %1 已不在历史记录中。</translation>
    </message>
    <message>
        <source>Message %1 is no longer in the history.</source>
        <translation>消息 %1 已不在历史记录中。</translation>
    </message>
    <message>
        <source>Message %1 is not in conversation %2, so nothing can be added below it.</source>
        <translation>消息 %1 不在对话 %2 中，因此无法在其下方添加内容。</translation>
    </message>
    <message>
        <source>Message %1 is not in conversation %2.</source>
        <translation>消息 %1 不在对话 %2 中。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Error: the reply failed.</source>
        <translation>错误：回复失败。</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Incomplete: the reply was interrupted before it finished.</source>
        <translation>未完成：回复在结束前被中断。</translation>
    </message>
    <message>
        <source>Incomplete: %1</source>
        <translation>未完成：%1</translation>
    </message>
    <message>
        <source>Stopped before it finished.</source>
        <translation>在完成前已停止。</translation>
    </message>
    <message>
        <source>Still being written when it was exported.</source>
        <translation>导出时仍在生成中。</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <source>, cut off</source>
        <translation>，已截断</translation>
    </message>
    <message>
        <source>The call was denied.</source>
        <translation>调用被拒绝。</translation>
    </message>
    <message>
        <source>The call was cancelled.</source>
        <translation>调用已取消。</translation>
    </message>
    <message>
        <source>The call did not finish.</source>
        <translation>调用未完成。</translation>
    </message>
    <message>
        <source>The call failed.</source>
        <translation>调用失败。</translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation>（无输出）</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>denied</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>did not finish</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>ExportTask</name>
    <message>
        <source>Could not read the history at %1: %2 Nothing was exported.</source>
        <translation>无法读取位于 %1 的历史记录：%2 未导出任何内容。</translation>
    </message>
    <message>
        <source>Could not read conversation %1 from the history: %2 Nothing was exported.</source>
        <translation>无法从历史记录中读取对话 %1：%2 未导出任何内容。</translation>
    </message>
</context>
<context>
    <name>ExportWriter</name>
    <message>
        <source>Could not write %1: %2. Nothing was exported.</source>
        <translation>无法写入 %1：%2。未导出任何内容。</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 不是文件夹</translation>
    </message>
    <message>
        <source>a folder of that name is in the way</source>
        <translation>已存在同名文件夹</translation>
    </message>
    <message>
        <source>the folder %1 is read-only</source>
        <translation>文件夹 %1 为只读</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the system gave no reason</source>
        <translation>系统未给出原因</translation>
    </message>
    <message>
        <source>Could not read the history: %1 Nothing was exported.</source>
        <translation>无法读取历史记录：%1 未导出任何内容。</translation>
    </message>
    <message>
        <source>PDF export needs the desktop app&apos;s renderer, which this command does not have</source>
        <translation>PDF 导出需要桌面应用的渲染器，而此命令不具备该渲染器</translation>
    </message>
    <message>
        <source>unknown format</source>
        <translation>未知格式</translation>
    </message>
    <message>
        <source>it is a file, and a folder is needed to export every conversation as %1</source>
        <translation>这是一个文件，而将所有对话导出为 %1 需要一个文件夹</translation>
    </message>
    <message>
        <source>the folder could not be created</source>
        <translation>无法创建该文件夹</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>未命名对话</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Custom provider</source>
        <translation>自定义服务商</translation>
    </message>
</context>
<context>
    <name>GeminiProvider</name>
    <message>
        <source>The model list from Gemini could not be read: %1</source>
        <translation>无法读取 Gemini 的模型列表：%1</translation>
    </message>
    <message>
        <source>the answer is not a JSON object.</source>
        <translation>响应不是 JSON 对象。</translation>
    </message>
    <message>
        <source>it holds an error.</source>
        <translation>其中包含错误。</translation>
    </message>
    <message>
        <source>&quot;models&quot; is not a list.</source>
        <translation>&quot;models&quot; 不是列表。</translation>
    </message>
</context>
<context>
    <name>GeminiStreamMapper</name>
    <message>
        <source>Gemini reported an error in the middle of the reply.</source>
        <translation>Gemini 在回复过程中报告了错误。</translation>
    </message>
    <message>
        <source>Gemini reported an error: %1</source>
        <translation>Gemini 报告了错误：%1</translation>
    </message>
    <message>
        <source>flagged by the safety filters</source>
        <translation>被安全过滤器标记</translation>
    </message>
    <message>
        <source>it would have recited protected material</source>
        <translation>回复会复述受保护的内容</translation>
    </message>
    <message>
        <source>it contained blocked terms</source>
        <translation>包含被屏蔽的词语</translation>
    </message>
    <message>
        <source>prohibited content</source>
        <translation>违禁内容</translation>
    </message>
    <message>
        <source>it contained sensitive personal information</source>
        <translation>包含敏感的个人信息</translation>
    </message>
    <message>
        <source>Gemini blocked the prompt: %1</source>
        <translation>Gemini 拦截了提示词：%1</translation>
    </message>
    <message>
        <source>Gemini stopped the reply: %1</source>
        <translation>Gemini 中止了回复：%1</translation>
    </message>
</context>
<context>
    <name>HistoryCommand</name>
    <message>
        <source>No history yet.</source>
        <translation>还没有历史记录。</translation>
    </message>
    <message>
        <source>There is no conversation %1 in the history.</source>
        <translation>历史记录中没有对话 %1。</translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation>没有匹配项。</translation>
    </message>
</context>
<context>
    <name>HtmlExport</name>
    <message>
        <source>Reasoning</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <source>Tool: %1</source>
        <translation>工具：%1</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Attached: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>无标题对话</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>创建于 %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Models: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Exported from Keel</source>
        <translation>导出自 Keel</translation>
    </message>
</context>
<context>
    <name>ImportReadTask</name>
    <message>
        <source>Could not read %1. Nothing was imported.</source>
        <translation>无法读取 %1。未导入任何内容。</translation>
    </message>
    <message>
        <source>Could not check the history for conversations already imported: %1 Nothing was imported.</source>
        <translation>无法检查历史记录中已导入的对话：%1 未导入任何内容。</translation>
    </message>
</context>
<context>
    <name>ImportReader</name>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 为空。</translation>
    </message>
    <message>
        <source>%1 is a ZIP archive: unpack it and choose conversations.json inside.</source>
        <translation>%1 是 ZIP 压缩包：请先解压，然后选择其中的 conversations.json。</translation>
    </message>
    <message>
        <source>%1 is UTF-16 text; JSON files are UTF-8: save it as UTF-8 and import it again.</source>
        <translation>%1 是 UTF-16 文本，而 JSON 文件应为 UTF-8：请将其另存为 UTF-8 后重新导入。</translation>
    </message>
    <message>
        <source>%1 is not a JSON file (it starts with %2).</source>
        <translation>%1 不是 JSON 文件（其开头为 %2）。</translation>
    </message>
    <message>
        <source>objects</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>arrays</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>strings</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>true and false values</source>
        <translation>true 和 false 值</translation>
    </message>
    <message>
        <source>nulls</source>
        <translation>null 值</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>an empty object</source>
        <translation>一个空对象</translation>
    </message>
    <message>
        <source>an object with keys %1</source>
        <translation>一个包含键 %1 的对象</translation>
    </message>
    <message>
        <source>an empty array</source>
        <translation>一个空数组</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>一个数组</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>一个字符串</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>一个数字</translation>
    </message>
    <message>
        <source>an array of empty objects</source>
        <translation>一个由空对象组成的数组</translation>
    </message>
    <message>
        <source>an array of objects with keys %1</source>
        <translation>一个由包含键 %1 的对象组成的数组</translation>
    </message>
    <message>
        <source>an array of %1</source>
        <translation>一个由 %1 组成的数组</translation>
    </message>
    <message>
        <source>an object whose “conversations” are %1</source>
        <translation>一个“conversations”为 %1 的对象</translation>
    </message>
    <message>
        <source>%1 is a Keel export of version %2; this version of Keel reads version %3 and older. Update Keel to import it.</source>
        <translation>%1 是版本 %2 的 Keel 导出文件；此版本的 Keel 只能读取版本 %3 及更早的版本。请更新 Keel 后再导入。</translation>
    </message>
    <message>
        <source>%1 is %2.</source>
        <translation>%1 %2。</translation>
    </message>
    <message>
        <source>%1 holds no conversations.</source>
        <translation>%1 中没有任何对话。</translation>
    </message>
    <message>
        <source>Conversation %1 of %2</source>
        <translation>%2 中的第 %1 个对话</translation>
    </message>
    <message>
        <source>Conversation %1 (%2) of %3</source>
        <translation>%3 中的第 %1 个对话（%2）</translation>
    </message>
    <message>
        <source>it could not be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>%1 is not a Keel, ChatGPT or Claude export: it holds %2.</source>
        <translation>%1 不是 Keel、ChatGPT 或 Claude 的导出文件：其中包含的是 %2。</translation>
    </message>
    <message>
        <source>a ChatGPT conversation</source>
        <translation>一个 ChatGPT 对话</translation>
    </message>
    <message>
        <source>a Claude conversation</source>
        <translation>一个 Claude 对话</translation>
    </message>
    <message>
        <source>it is %1, not a %2 conversation like the first one</source>
        <translation>它是 %1，而不是与第一个对话相同的 %2 对话</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 是文件夹，而不是文件。</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2.</source>
        <translation>无法打开 %1：%2。</translation>
    </message>
</context>
<context>
    <name>JsonElementStream</name>
    <message>
        <source>a string</source>
        <translation>一个字符串</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>一个数字</translation>
    </message>
    <message>
        <source>not valid JSON at line %1, column %2 (byte %3): %4</source>
        <translation>不是有效的 JSON（第 %1 行，第 %2 列，第 %3 字节）：%4</translation>
    </message>
    <message>
        <source>nested more than %1 levels deep (at byte %2)</source>
        <translation>嵌套超过 %1 层（位于第 %2 字节）</translation>
    </message>
    <message>
        <source>not an array or an object (the whole file is %1)</source>
        <translation>不是数组或对象（整个文件是 %1）</translation>
    </message>
    <message>
        <source>unreadable after %1 bytes: %2</source>
        <translation>读取 %1 字节后无法继续读取：%2</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>不是有效的 JSON</translation>
    </message>
</context>
<context>
    <name>KeelJson</name>
    <message>
        <source>the data could not be written</source>
        <translation>无法写入数据</translation>
    </message>
</context>
<context>
    <name>KeelJsonRead</name>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>not a value</source>
        <translation>无效值</translation>
    </message>
    <message>
        <source>%1 is %2, not %3</source>
        <translation>%1 是%2，而不是%3</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>%1 is too large</source>
        <translation>%1 过大</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>%1 is not an ISO-8601 time (“%2”)</source>
        <translation>%1 不是 ISO-8601 时间（“%2”）</translation>
    </message>
    <message>
        <source>%1 is %2, not an object</source>
        <translation>%1 是%2，而不是对象</translation>
    </message>
    <message>
        <source>%1 is “%2”, not image or text</source>
        <translation>%1 是“%2”，而不是 image 或 text</translation>
    </message>
    <message>
        <source>%1 is not valid base64</source>
        <translation>%1 不是有效的 base64</translation>
    </message>
    <message>
        <source>message %1</source>
        <translation>消息 %1</translation>
    </message>
    <message>
        <source>%1 is %2; ids are 1 or more</source>
        <translation>%1 为 %2；id 必须大于或等于 1</translation>
    </message>
    <message>
        <source>%1 is “%2”, not user, assistant or system</source>
        <translation>%1 是“%2”，而不是 user、assistant 或 system</translation>
    </message>
    <message>
        <source>%1, usage</source>
        <translation>%1，usage</translation>
    </message>
    <message>
        <source>%1, attachment %2</source>
        <translation>%1，附件 %2</translation>
    </message>
    <message>
        <source>the conversation is %1, not an object</source>
        <translation>对话是%1，而不是对象</translation>
    </message>
    <message>
        <source>%1 is nested more than %2 levels deep</source>
        <translation>%1 的嵌套层级超过 %2 层</translation>
    </message>
    <message>
        <source>message %1: “id” %2 is already the id of message %3</source>
        <translation>消息 %1：“id” %2 已被消息 %3 使用</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Cannot read the API key of provider “%1”: %2</source>
        <translation>无法读取服务商“%1”的 API 密钥：%2</translation>
    </message>
</context>
<context>
    <name>MapperSupport</name>
    <message>
        <source>The server sent malformed data: %1</source>
        <translation>服务器发送了格式错误的数据：%1</translation>
    </message>
</context>
<context>
    <name>MarkdownExport</name>
    <message>
        <source>Tool: %1</source>
        <translation>工具：%1</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Attached: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>无标题对话</translation>
    </message>
</context>
<context>
    <name>MarkdownHtml</name>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Image: %1</source>
        <translation>图片：%1</translation>
    </message>
    <message>
        <source>Image: %1 — %2</source>
        <translation>图片：%1 — %2</translation>
    </message>
</context>
<context>
    <name>McpClient</name>
    <message>
        <source>Could not start &quot;%1&quot;: the working directory &quot;%2&quot; does not exist</source>
        <translation>无法启动“%1”：工作目录“%2”不存在</translation>
    </message>
    <message>
        <source>%1 has no command to start</source>
        <translation>%1 没有可启动的命令</translation>
    </message>
    <message>
        <source>Could not start &quot;%1&quot;: the file is not executable</source>
        <translation>无法启动“%1”：该文件不可执行</translation>
    </message>
    <message>
        <source>Could not start &quot;%1&quot;: no such file</source>
        <translation>无法启动“%1”：文件不存在</translation>
    </message>
    <message>
        <source>Could not start &quot;%1&quot;: no such command on PATH</source>
        <translation>无法启动“%1”：PATH 中没有此命令</translation>
    </message>
    <message>
        <source>%1 crashed</source>
        <translation>%1 已崩溃</translation>
    </message>
    <message>
        <source>%1 exited with code %2</source>
        <translation>%1 已退出，退出代码为 %2</translation>
    </message>
    <message>
        <source>Could not start &quot;%1&quot;: %2</source>
        <translation>无法启动“%1”：%2</translation>
    </message>
    <message>
        <source>%1 did not start within %2 s (no answer to initialize or tools/list); it was stopped</source>
        <translation>%1 未在 %2 秒内启动（没有响应 initialize 或 tools/list）；已将其停止</translation>
    </message>
    <message>
        <source>%1 was stopped</source>
        <translation>%1 已被停止</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>MCP server &quot;%1&quot;</source>
        <translation>MCP 服务器“%1”</translation>
    </message>
    <message>
        <source>%1 refused to initialize: %2</source>
        <translation>%1 拒绝初始化：%2</translation>
    </message>
    <message>
        <source>%1 answered with an error: %2 (code %3)</source>
        <translation>%1 返回了错误：%2（代码 %3）</translation>
    </message>
    <message>
        <source>%1 speaks MCP protocol version %2, which Keel does not support (Keel asked for %3 and speaks %4)</source>
        <translation>%1 使用的 MCP 协议版本为 %2，Keel 不支持该版本（Keel 请求的是 %3，支持的是 %4）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; on %2 did not answer within %3 s</source>
        <translation>%2 上的“%1”未在 %3 秒内响应</translation>
    </message>
</context>
<context>
    <name>McpConfig</name>
    <message>
        <source>no MCP servers</source>
        <translation>空的 MCP 服务器列表</translation>
    </message>
    <message>
        <source>Keel reads the format server READMEs show: {&quot;mcpServers&quot;: {&quot;NAME&quot;: {&quot;command&quot;: &quot;...&quot;, &quot;args&quot;: [...]}}}.</source>
        <translation>Keel 读取的是服务器 README 中给出的格式：{&quot;mcpServers&quot;: {&quot;NAME&quot;: {&quot;command&quot;: &quot;...&quot;, &quot;args&quot;: [...]}}}。</translation>
    </message>
    <message>
        <source>A server without a name was skipped.</source>
        <translation>已跳过一个没有名称的服务器。</translation>
    </message>
    <message>
        <source>skipped: its settings are not an object {&quot;command&quot;: ...}.</source>
        <translation>已跳过：其设置不是对象 {&quot;command&quot;: ...}。</translation>
    </message>
    <message>
        <source>skipped: it is a remote server (a URL); Keel does not support remote servers yet, only servers it starts with a command.</source>
        <translation>已跳过：这是远程服务器（URL）；Keel 目前尚不支持远程服务器，仅支持通过命令启动的服务器。</translation>
    </message>
    <message>
        <source>skipped: it has no &quot;command&quot;.</source>
        <translation>已跳过：缺少 &quot;command&quot;。</translation>
    </message>
    <message>
        <source>skipped: &quot;args&quot; is not a list [&quot;...&quot;, &quot;...&quot;].</source>
        <translation>已跳过：&quot;args&quot; 不是列表 [&quot;...&quot;, &quot;...&quot;]。</translation>
    </message>
    <message>
        <source>argument %1 is not a string; used as &quot;%2&quot;.</source>
        <translation>参数 %1 不是字符串；已按 &quot;%2&quot; 处理。</translation>
    </message>
    <message>
        <source>argument %1 is not a string; left out.</source>
        <translation>参数 %1 不是字符串；已省略。</translation>
    </message>
    <message>
        <source>skipped: &quot;env&quot; is not an object {&quot;NAME&quot;: &quot;value&quot;}.</source>
        <translation>已跳过：&quot;env&quot; 不是对象 {&quot;NAME&quot;: &quot;value&quot;}。</translation>
    </message>
    <message>
        <source>the value of %1 is not a string; used as &quot;%2&quot;.</source>
        <translation>%1 的值不是字符串；已按 &quot;%2&quot; 处理。</translation>
    </message>
    <message>
        <source>the value of %1 is not a string; left out.</source>
        <translation>%1 的值不是字符串；已省略。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a string; ignored.</source>
        <translation>&quot;%1&quot; 不是字符串；已忽略。</translation>
    </message>
    <message>
        <source>&quot;disabled&quot; is not true or false; ignored.</source>
        <translation>&quot;disabled&quot; 不是 true 或 false；已忽略。</translation>
    </message>
    <message>
        <source>not valid JSON: error at %1</source>
        <translation>不是有效的 JSON：错误位于 %1</translation>
    </message>
    <message>
        <source>the JSON is not an object</source>
        <translation>该 JSON 不是对象</translation>
    </message>
    <message>
        <source>there is no &quot;mcpServers&quot; object, only &quot;servers&quot; (VS Code&apos;s format)</source>
        <translation>没有 &quot;mcpServers&quot; 对象，只有 &quot;servers&quot;（VS Code 的格式）</translation>
    </message>
    <message>
        <source>Rename &quot;servers&quot; to &quot;mcpServers&quot;.</source>
        <translation>请将 &quot;servers&quot; 重命名为 &quot;mcpServers&quot;。</translation>
    </message>
    <message>
        <source>there is no &quot;mcpServers&quot; object at the top level</source>
        <translation>顶层没有 &quot;mcpServers&quot; 对象</translation>
    </message>
    <message>
        <source>&quot;mcpServers&quot; is not an object of named servers</source>
        <translation>&quot;mcpServers&quot; 不是由具名服务器组成的对象</translation>
    </message>
</context>
<context>
    <name>McpMessages</name>
    <message>
        <source>The tool&apos;s arguments nest too deeply.</source>
        <translation>工具参数的嵌套层级过深。</translation>
    </message>
    <message>
        <source>The tool&apos;s arguments are not a JSON object: %1</source>
        <translation>工具参数不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>The server&apos;s answer to initialize is not an object.</source>
        <translation>服务器对 initialize 的应答不是对象。</translation>
    </message>
    <message>
        <source>The server&apos;s answer to initialize names no protocol version.</source>
        <translation>服务器对 initialize 的应答未指明协议版本。</translation>
    </message>
    <message>
        <source>The server&apos;s tools/call answer is not an object.</source>
        <translation>服务器的 tools/call 应答不是对象。</translation>
    </message>
</context>
<context>
    <name>MessageExtras</name>
    <message>
        <source>Message %1 is not in conversation %2, so it was not deleted.</source>
        <translation>消息 %1 不在对话 %2 中，因此未被删除。</translation>
    </message>
</context>
<context>
    <name>OllamaProvider</name>
    <message>
        <source>The server&apos;s model list could not be read (expected Ollama&apos;s {&quot;models&quot;: [...]}).</source>
        <translation>无法读取服务器的模型列表（应为 Ollama 的 {&quot;models&quot;: [...]} 格式）。</translation>
    </message>
</context>
<context>
    <name>OllamaStreamMapper</name>
    <message>
        <source>Ollama reported an error in the middle of the reply.</source>
        <translation>Ollama 在回复过程中报告了错误。</translation>
    </message>
    <message>
        <source>Ollama reported an error: %1</source>
        <translation>Ollama 报告了错误：%1</translation>
    </message>
</context>
<context>
    <name>OpenAiProvider</name>
    <message>
        <source>the OpenAI-compatible server</source>
        <translation>兼容 OpenAI 的服务器</translation>
    </message>
    <message>
        <source>The server&apos;s model list is not in the expected format (an object with a &quot;data&quot; array).</source>
        <translation>服务器的模型列表格式不符合预期（应为包含 &quot;data&quot; 数组的对象）。</translation>
    </message>
</context>
<context>
    <name>OpenAiStreamMapper</name>
    <message>
        <source>The provider reported an error in the middle of the reply.</source>
        <translation>服务商在回复过程中报告了错误。</translation>
    </message>
    <message>
        <source>The provider reported an error: %1</source>
        <translation>服务商报告了错误：%1</translation>
    </message>
</context>
<context>
    <name>ProviderErrors</name>
    <message>
        <source>The proxy refused the request: it wants a user name and password it did not get or did not accept (HTTP 407). Check the proxy in the network settings.</source>
        <translation>代理拒绝了请求：代理要求提供用户名和密码，但未收到或不接受所提供的凭据（HTTP 407）。请检查网络设置中的代理。</translation>
    </message>
    <message>
        <source>the API key setting</source>
        <translation>API 密钥设置</translation>
    </message>
    <message>
        <source>No API key was sent; set one in %1.</source>
        <translation>未发送 API 密钥；请在 %1 中设置。</translation>
    </message>
    <message>
        <source>Check that the API key in %1 may use this model.</source>
        <translation>请检查 %1 中的 API 密钥是否有权使用此模型。</translation>
    </message>
    <message>
        <source>Check the API key in %1.</source>
        <translation>请检查 %1 中的 API 密钥。</translation>
    </message>
    <message>
        <source>Access denied (HTTP %1). %2</source>
        <translation>访问被拒绝（HTTP %1）。%2</translation>
    </message>
    <message>
        <source>Authentication failed (HTTP %1). %2</source>
        <translation>身份验证失败（HTTP %1）。%2</translation>
    </message>
    <message>
        <source>Access denied: %1. %2</source>
        <translation>访问被拒绝：%1。%2</translation>
    </message>
    <message>
        <source>Authentication failed: %1. %2</source>
        <translation>身份验证失败：%1。%2</translation>
    </message>
    <message>
        <source>Rate limited by the provider (HTTP %1).</source>
        <translation>已被服务商限流（HTTP %1）。</translation>
    </message>
    <message>
        <source>Rate limited by the provider: %1</source>
        <translation>已被服务商限流：%1</translation>
    </message>
    <message>
        <source>Retry after %1 s.</source>
        <translation>请在 %1 秒后重试。</translation>
    </message>
    <message>
        <source>The provider timed out waiting for the request (HTTP 408)%1</source>
        <translation>服务商等待请求超时（HTTP 408）%1</translation>
    </message>
    <message>
        <source>The provider is overloaded (HTTP 529)%1</source>
        <translation>服务商负载过高（HTTP 529）%1</translation>
    </message>
    <message>
        <source>The provider had a server error (HTTP %1)%2</source>
        <translation>服务商发生服务器错误（HTTP %1）%2</translation>
    </message>
    <message>
        <source>Not found (HTTP 404). Check the base URL (%1) and the model name.</source>
        <translation>未找到（HTTP 404）。请检查基础 URL（%1）和模型名称。</translation>
    </message>
    <message>
        <source>Not found (HTTP 404): %1</source>
        <translation>未找到（HTTP 404）：%1</translation>
    </message>
    <message>
        <source>The request is too large for the provider (HTTP 413)%1%2</source>
        <translation>请求过大，服务商无法处理（HTTP 413）%1%2</translation>
    </message>
    <message>
        <source>Shorten the conversation or remove attachments.</source>
        <translation>请缩短对话或移除附件。</translation>
    </message>
    <message>
        <source>The request was refused (HTTP %1)%2</source>
        <translation>请求被拒绝（HTTP %1）%2</translation>
    </message>
</context>
<context>
    <name>ProviderPresets</name>
    <message>
        <source>the environment variable %1</source>
        <translation>环境变量 %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Images and text files (%1 %2)</source>
        <translation>图片和文本文件 (%1 %2)</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
    <message>
        <source>Text and code files (%1)</source>
        <translation>文本和代码文件 (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>%1 image</source>
        <translation>%1 图片</translation>
    </message>
    <message>
        <source>Text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>%1
%2, %3</source>
        <translation>%1
%2，%3</translation>
    </message>
    <message>
        <source>Only the first %1 are sent.</source>
        <translation>仅发送前 %1 的内容。</translation>
    </message>
</context>
<context>
    <name>SecretFile</name>
    <message>
        <source>%1, so Keel does not use it. Saving a key replaces it (the old file is kept as %2.bak).</source>
        <translation>%1，因此 Keel 不会使用它。保存密钥时会替换该文件（旧文件将保留为 %2.bak）。</translation>
    </message>
    <message>
        <source>The key file %1 could not be opened (%2)</source>
        <translation>无法打开密钥文件 %1（%2）</translation>
    </message>
    <message>
        <source>The key file %1 is not a regular file</source>
        <translation>密钥文件 %1 不是普通文件</translation>
    </message>
    <message>
        <source>The key file %1 belongs to another user</source>
        <translation>密钥文件 %1 属于其他用户</translation>
    </message>
    <message>
        <source>The key file %1 can be changed by other users</source>
        <translation>密钥文件 %1 可被其他用户修改</translation>
    </message>
    <message>
        <source>The key file %1 could not be read (%2)</source>
        <translation>无法读取密钥文件 %1（%2）</translation>
    </message>
    <message>
        <source>The key file %1 is unreasonably large</source>
        <translation>密钥文件 %1 大得不合常理</translation>
    </message>
    <message>
        <source>The key file %1 is damaged (not a JSON object)</source>
        <translation>密钥文件 %1 已损坏（不是 JSON 对象）</translation>
    </message>
    <message>
        <source>The key file %1 is damaged (an entry is not text)</source>
        <translation>密钥文件 %1 已损坏（某个条目不是文本）</translation>
    </message>
    <message>
        <source>The key could not be saved: the folder %1 could not be created.</source>
        <translation>无法保存密钥：无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>The key could not be saved in %1 (%2).</source>
        <translation>无法将密钥保存到 %1（%2）。</translation>
    </message>
    <message>
        <source>The key could not be saved: the unusable key file %1 could not be moved aside (%2).</source>
        <translation>无法保存密钥：无法将不可用的密钥文件 %1 移到一旁（%2）。</translation>
    </message>
    <message>
        <source>No key named “%1” is stored.</source>
        <translation>未保存名为“%1”的密钥。</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No system keychain is available, so the key was not saved. Start a Secret Service (GNOME Keyring, KWallet) or allow Keel to keep keys in a private file (Settings ▸ Providers).</source>
        <translation>没有可用的系统密钥环，因此密钥未保存。请启动 Secret Service（GNOME Keyring、KWallet），或允许 Keel 将密钥保存在私有文件中（设置 ▸ 服务商）。</translation>
    </message>
    <message>
        <source>The system keychain refused to read the key “%1”%2.</source>
        <translation>系统密钥环拒绝读取密钥“%1”%2。</translation>
    </message>
    <message>
        <source>The system keychain refused to save the key “%1”%2.</source>
        <translation>系统密钥环拒绝保存密钥“%1”%2。</translation>
    </message>
    <message>
        <source>The system keychain refused to remove the key “%1”%2.</source>
        <translation>系统密钥环拒绝删除密钥“%1”%2。</translation>
    </message>
    <message>
        <source>The system keychain could not read the key “%1”%2.</source>
        <translation>系统密钥环无法读取密钥“%1”%2。</translation>
    </message>
    <message>
        <source>The system keychain could not save the key “%1”%2.</source>
        <translation>系统密钥环无法保存密钥“%1”%2。</translation>
    </message>
    <message>
        <source>The system keychain could not remove the key “%1”%2.</source>
        <translation>系统密钥环无法删除密钥“%1”%2。</translation>
    </message>
    <message>
        <source>No key named “%1” is stored in the system keychain.</source>
        <translation>系统密钥环中没有名为“%1”的密钥。</translation>
    </message>
    <message>
        <source>The system keychain is not available%1.</source>
        <translation>系统密钥环不可用%1。</translation>
    </message>
    <message>
        <source>the keychain service did not answer within %1 seconds</source>
        <translation>密钥环服务在 %1 秒内没有响应</translation>
    </message>
    <message>
        <source>Keys are kept in the system keychain.</source>
        <translation>密钥保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>No system keychain is available%1. Keys are kept in %2, a file readable only by you.</source>
        <translation>没有可用的系统密钥环%1。密钥保存在 %2 中，该文件仅你本人可读。</translation>
    </message>
    <message>
        <source>No system keychain is available%1. Keys can be kept in a file readable only by you, if you allow it.</source>
        <translation>没有可用的系统密钥环%1。如果你允许，可以将密钥保存在一个仅你本人可读的文件中。</translation>
    </message>
    <message>
        <source>No system keychain is available, so no key can be read.</source>
        <translation>没有可用的系统密钥环，因此无法读取任何密钥。</translation>
    </message>
    <message>
        <source>No system keychain is available, so no key can be removed.</source>
        <translation>没有可用的系统密钥环，因此无法删除任何密钥。</translation>
    </message>
</context>
<context>
    <name>SettingsFiles</name>
    <message>
        <source>no providers</source>
        <translation>空的服务商列表</translation>
    </message>
    <message>
        <source>the built-in assistants</source>
        <translation>内置助手</translation>
    </message>
    <message>
        <source>the default settings</source>
        <translation>默认设置</translation>
    </message>
    <message>
        <source>it is not a valid settings file</source>
        <translation>它不是有效的设置文件</translation>
    </message>
    <message>
        <source>it could not be opened</source>
        <translation>无法打开该文件</translation>
    </message>
    <message>
        <source>the settings could not be written to %1</source>
        <translation>无法将设置写入 %1</translation>
    </message>
    <message>
        <source>General assistant</source>
        <translation>通用助手</translation>
    </message>
    <message>
        <source>Clear, accurate answers to everyday questions.</source>
        <translation>清晰、准确地回答日常问题。</translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation>代码审查员</translation>
    </message>
    <message>
        <source>Reviews code and diffs: bugs first, then design, with concrete fixes.</source>
        <translation>审查代码和 diff：先找缺陷，再看设计，并给出具体的修改方案。</translation>
    </message>
    <message>
        <source>Translator (Chinese ⇄ English)</source>
        <translation>翻译（中文 ⇄ 英文）</translation>
    </message>
    <message>
        <source>Translates Chinese into English and English into Chinese.</source>
        <translation>将中文译为英文，将英文译为中文。</translation>
    </message>
    <message>
        <source>Writing editor</source>
        <translation>写作编辑</translation>
    </message>
    <message>
        <source>Edits text for clarity, concision and grammar, keeping your voice.</source>
        <translation>润色文字，使其清晰、简洁、合乎语法，同时保留你的风格。</translation>
    </message>
    <message>
        <source>Explain like a teacher</source>
        <translation>像老师一样讲解</translation>
    </message>
    <message>
        <source>Patient, step-by-step explanations with examples.</source>
        <translation>耐心、循序渐进地讲解，并配以示例。</translation>
    </message>
</context>
<context>
    <name>SettingsJson</name>
    <message>
        <source>not valid JSON at byte %1, line %2</source>
        <translation>不是有效的 JSON（第 %1 字节，第 %2 行）</translation>
    </message>
    <message>
        <source>the file does not hold a JSON object</source>
        <translation>该文件不包含 JSON 对象</translation>
    </message>
    <message>
        <source>its &quot;version&quot; is not a number</source>
        <translation>其 &quot;version&quot; 不是数字</translation>
    </message>
    <message>
        <source>its &quot;%1&quot; is not a list</source>
        <translation>其 &quot;%1&quot; 不是列表</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>Keel&apos;s history is not open, so nothing can be loaded or saved.</source>
        <translation>Keel 的历史记录未打开，因此无法加载或保存任何内容。</translation>
    </message>
</context>
<context>
    <name>TextExport</name>
    <message>
        <source>Tool: %1</source>
        <translation>工具：%1</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>Reasoning:</source>
        <translation>思考：</translation>
    </message>
    <message>
        <source>Attached: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>无标题对话</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>创建时间：%1</translation>
    </message>
    <message>
        <source>Updated: %1</source>
        <translation>更新时间：%1</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Models: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Exported from Keel</source>
        <translation>导出自 Keel</translation>
    </message>
</context>
<context>
    <name>ToolRegistry</name>
    <message>
        <source>The MCP server was removed from the settings while the call ran.</source>
        <translation>调用运行期间，该 MCP 服务器已从设置中移除。</translation>
    </message>
</context>
<context>
    <name>ToolSettings</name>
    <message>
        <source>not valid JSON: error at %1</source>
        <translation>不是有效的 JSON：错误位于 %1</translation>
    </message>
    <message>
        <source>the file does not hold a JSON object</source>
        <translation>该文件不包含 JSON 对象</translation>
    </message>
    <message>
        <source>the default tool settings</source>
        <translation>默认工具设置</translation>
    </message>
</context>
<context>
    <name>TransferArguments</name>
    <message>
        <source>Usage: keel export ID -o FILE [--format md|json|html|pdf|txt] | export --all -o PATH [--format F]</source>
        <translation>用法：keel export ID -o FILE [--format md|json|html|pdf|txt] | export --all -o PATH [--format F]</translation>
    </message>
    <message>
        <source>Usage: keel import FILE [--replace] [--json]</source>
        <translation>用法：keel import FILE [--replace] [--json]</translation>
    </message>
    <message>
        <source>export needs a conversation ID (a number, see keel history list) or --all.</source>
        <translation>export 需要一个对话 ID（一个数字，参见 keel history list）或 --all。</translation>
    </message>
    <message>
        <source>export needs -o %1 (where to write).</source>
        <translation>export 需要 -o %1（写入位置）。</translation>
    </message>
    <message>
        <source>Unknown export format &quot;%1&quot;: use md, json, html, pdf or txt.</source>
        <translation>未知导出格式“%1”：请使用 md、json、html、pdf 或 txt。</translation>
    </message>
    <message>
        <source>Cannot tell the format from the name &quot;%1&quot;: add --format md, json, html, pdf or txt.</source>
        <translation>无法从名称“%1”判断格式：请添加 --format md、json、html、pdf 或 txt。</translation>
    </message>
    <message>
        <source>export: every saved conversation.</source>
        <translation>export：所有已保存的对话。</translation>
    </message>
    <message>
        <source>export: md, json, html, pdf or txt.</source>
        <translation>export：md、json、html、pdf 或 txt。</translation>
    </message>
    <message>
        <source>export: the file (or folder) to write.</source>
        <translation>export：要写入的文件（或文件夹）。</translation>
    </message>
    <message>
        <source>import: replace conversations imported before instead of skipping them.</source>
        <translation>import：替换之前导入过的对话，而不是跳过。</translation>
    </message>
    <message>
        <source>--all is an option of keel export.</source>
        <translation>--all 是 keel export 的选项。</translation>
    </message>
    <message>
        <source>--format is an option of keel export.</source>
        <translation>--format 是 keel export 的选项。</translation>
    </message>
    <message>
        <source>-o is an option of keel export.</source>
        <translation>-o 是 keel export 的选项。</translation>
    </message>
    <message>
        <source>--replace is an option of keel import.</source>
        <translation>--replace 是 keel import 的选项。</translation>
    </message>
    <message>
        <source>  export ID -o FILE [--format md|json|html|pdf|txt]
                         Write conversation ID (see history list) to FILE; the format
                         comes from --format, else from FILE&apos;s extension. JSON keeps
                         every branch and imports back exactly; the others show the
                         current branch.
  export --all -o PATH [--format F]
                         Write every saved conversation: PATH ending in .json gets one
                         JSON archive; any other PATH is a folder with one Markdown
                         file (or F) per conversation. Progress on stderr; Ctrl+C
                         cancels and leaves nothing behind.
  import FILE [--replace]
                         Import a Keel JSON export (one conversation or an archive), or
                         the conversations.json of a ChatGPT or Claude data export, all
                         or nothing. Conversations imported before are skipped, or
                         replaced with --replace. --json prints one JSON object.
</source>
        <translation>  export ID -o FILE [--format md|json|html|pdf|txt]
                         将对话 ID（参见 history list）写入 FILE；格式取自 --format，
                         否则取自 FILE 的扩展名。JSON 保留所有分支，可原样导入回来；
                         其他格式只显示当前分支。
  export --all -o PATH [--format F]
                         写出所有已保存的对话：以 .json 结尾的 PATH 得到一个 JSON
                         归档；其他 PATH 则是一个文件夹，每个对话一个 Markdown 文件
                         （或 F 格式）。进度输出到 stderr；Ctrl+C 取消且不留下任何
                         文件。
  import FILE [--replace]
                         导入 Keel 的 JSON 导出（单个对话或归档），或 ChatGPT、Claude
                         数据导出中的 conversations.json，要么全部导入，要么全不导入。
                         之前导入过的对话会被跳过，使用 --replace 则替换。--json 输出
                         一个 JSON 对象。
</translation>
    </message>
</context>
<context>
    <name>TransferTypes</name>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>导入已取消，未导入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 以及另外 %n 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TreeStore</name>
    <message>
        <source>Imported conversation</source>
        <translation>导入的对话</translation>
    </message>
</context>
<context>
    <name>WholeResponseMapper</name>
    <message>
        <source>The reply from %1 is implausibly large (over %2 MB).</source>
        <translation>来自 %1 的回复大得不合常理（超过 %2 MB）。</translation>
    </message>
    <message>
        <source>The reply from %1 was empty.</source>
        <translation>来自 %1 的回复为空。</translation>
    </message>
    <message>
        <source>The reply from %1 is not valid JSON: %2</source>
        <translation>来自 %1 的回复不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>The reply from %1 holds no message: %2</source>
        <translation>来自 %1 的回复中没有消息：%2</translation>
    </message>
</context>
<context>
    <name>keel::app::AskCommand</name>
    <message>
        <source>No model given: use --model M or set KEEL_MODEL (or give the provider a default model).</source>
        <translation>未指定模型：请使用 --model M 或设置 KEEL_MODEL（或为服务商设置默认模型）。</translation>
    </message>
    <message>
        <source>cannot read the prompt from standard input</source>
        <translation>无法从标准输入读取提示词</translation>
    </message>
    <message>
        <source>the prompt is empty</source>
        <translation>提示词为空</translation>
    </message>
    <message>
        <source>warning: MCP server &quot;%1&quot;: %2</source>
        <translation>警告：MCP 服务器“%1”：%2</translation>
    </message>
    <message>
        <source> (log: %1)</source>
        <translation>（日志：%1）</translation>
    </message>
</context>
<context>
    <name>keel::app::ExportCommand</name>
    <message>
        <source>There is no conversation %1: the history is empty.</source>
        <translation>没有对话 %1：历史记录为空。</translation>
    </message>
    <message>
        <source>There is no conversation %1 in the history (see keel history list).</source>
        <translation>历史记录中没有对话 %1（请查看 keel history list）。</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Exported “%1” (1 message) to %2</source>
        <translation>已将“%1”（1 条消息）导出到 %2</translation>
    </message>
    <message>
        <source>Exported “%1” (%2 messages) to %3</source>
        <translation>已将“%1”（%2 条消息）导出到 %3</translation>
    </message>
    <message>
        <source>There is no history to export yet.</source>
        <translation>还没有可导出的历史记录。</translation>
    </message>
    <message>
        <source>The export could not start.</source>
        <translation>无法开始导出。</translation>
    </message>
    <message>
        <source>Exporting: %1 of %2 conversations</source>
        <translation>正在导出：%1 / %2 个对话</translation>
    </message>
    <message>
        <source>Exported 1 conversation to %1</source>
        <translation>已将 1 个对话导出到 %1</translation>
    </message>
    <message>
        <source>Exported %1 conversations to %2</source>
        <translation>已将 %1 个对话导出到 %2</translation>
    </message>
</context>
<context>
    <name>keel::app::GuiSession</name>
    <message>
        <source>could not open conversation %1</source>
        <translation>无法打开对话 %1</translation>
    </message>
    <message>
        <source>could not send the --send text</source>
        <translation>无法发送 --send 的文本</translation>
    </message>
    <message>
        <source>could not save the screenshot to %1</source>
        <translation>无法将截图保存到 %1</translation>
    </message>
    <message>
        <source>could not write diagnostics: %1</source>
        <translation>无法写入诊断数据：%1</translation>
    </message>
</context>
<context>
    <name>keel::app::ImportCommand</name>
    <message>
        <source>Reading: %1%</source>
        <translation>正在读取：%1%</translation>
    </message>
    <message>
        <source>Cannot read %1. Nothing was imported.</source>
        <translation>无法读取 %1。未导入任何内容。</translation>
    </message>
    <message>
        <source>Cannot open the history: %1 Nothing was imported.</source>
        <translation>无法打开历史记录：%1 未导入任何内容。</translation>
    </message>
    <message>
        <source>Importing: %1 of %2 conversations</source>
        <translation>正在导入：%1 / %2 个对话</translation>
    </message>
    <message>
        <source>Writing to the history failed: %1 Nothing was imported.</source>
        <translation>写入历史记录失败：%1 未导入任何内容。</translation>
    </message>
    <message>
        <source>Imported %1 (%2) from the %3 export %4</source>
        <translation>已从 %3 导出文件 %4 导入 %1（%2）</translation>
    </message>
    <message>
        <source>1 conversation</source>
        <translation>1 个对话</translation>
    </message>
    <message>
        <source>%1 conversations</source>
        <translation>%1 个对话</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 条消息</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 条消息</translation>
    </message>
    <message>
        <source>; replaced %1 imported before</source>
        <translation>；替换了 %1 个之前导入的对话</translation>
    </message>
    <message>
        <source>; skipped %1 already imported (--replace replaces them)</source>
        <translation>；跳过了 %1 个已导入的对话（使用 --replace 可替换它们）</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
</context>
<context>
    <name>keel::app::McpCommand</name>
    <message>
        <source>none is configured; add some with keel mcp import FILE</source>
        <translation>尚未配置任何服务器；可用 keel mcp import FILE 添加</translation>
    </message>
    <message>
        <source>configured: %1</source>
        <translation>已配置：%1</translation>
    </message>
    <message>
        <source>No MCP server named &quot;%1&quot; in %2 (%3).</source>
        <translation>%2 中没有名为“%1”的 MCP 服务器（%3）。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>warning: %1: %2</source>
        <translation>警告：%1：%2</translation>
    </message>
    <message>
        <source>%1 has no MCP server Keel can use; nothing was imported.</source>
        <translation>%1 中没有 Keel 可用的 MCP 服务器；未导入任何内容。</translation>
    </message>
    <message>
        <source>Nothing changed in %1.</source>
        <translation>%1 没有变化。</translation>
    </message>
    <message>
        <source>Saved %1 servers to %2.</source>
        <translation>已将 %1 个服务器保存到 %2。</translation>
    </message>
    <message>
        <source>No MCP servers are configured (%1). Add some with keel mcp import FILE.</source>
        <translation>尚未配置任何 MCP 服务器（%1）。可用 keel mcp import FILE 添加。</translation>
    </message>
    <message>
        <source>it did not start</source>
        <translation>它没有启动</translation>
    </message>
    <message>
        <source>MCP server &quot;%1&quot;: %2</source>
        <translation>MCP 服务器“%1”：%2</translation>
    </message>
    <message>
        <source>Its log: %1</source>
        <translation>其日志：%1</translation>
    </message>
    <message>
        <source>MCP server &quot;%1&quot; offers no tools.</source>
        <translation>MCP 服务器“%1”没有提供任何工具。</translation>
    </message>
    <message>
        <source>it is not valid JSON (error at %1)</source>
        <translation>它不是有效的 JSON（错误位于 %1）</translation>
    </message>
    <message>
        <source>it is JSON but not an object</source>
        <translation>它是 JSON，但不是对象</translation>
    </message>
    <message>
        <source>ARGS_JSON must be a JSON object such as &apos;{&quot;message&quot;: &quot;hi&quot;}&apos;: %1.</source>
        <translation>ARGS_JSON 必须是一个 JSON 对象，例如 &apos;{&quot;message&quot;: &quot;hi&quot;}&apos;：%1。</translation>
    </message>
    <message>
        <source>The call was cancelled.</source>
        <translation>调用已取消。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; on MCP server &quot;%2&quot; reported an error.</source>
        <translation>MCP 服务器“%2”上的“%1”报告了错误。</translation>
    </message>
</context>
<context>
    <name>keel::app::ProviderSetup</name>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>no provider named &quot;%1&quot; is configured</source>
        <translation>未配置名为“%1”的服务商</translation>
    </message>
</context>
<context>
    <name>keel::app::ProvidersCommand</name>
    <message>
        <source>API key (not shown): </source>
        <translation>API 密钥（不显示）：</translation>
    </message>
    <message>
        <source>The system keychain did not answer.</source>
        <translation>系统密钥环没有响应。</translation>
    </message>
    <message>
        <source>No providers are configured. Add one with keel providers add --name N --kind K [--base-url URL] [--api-key-stdin].</source>
        <translation>尚未配置任何服务商。可用 keel providers add --name N --kind K [--base-url URL] [--api-key-stdin] 添加。</translation>
    </message>
    <message>
        <source>No API key on standard input (one line expected).</source>
        <translation>标准输入中没有 API 密钥（应为一行）。</translation>
    </message>
    <message>
        <source>Unknown preset &quot;%1&quot;. Try --help for the list.</source>
        <translation>未知预设“%1”。请尝试 --help 查看列表。</translation>
    </message>
    <message>
        <source>Added provider “%1” (%2, %3)</source>
        <translation>已添加服务商“%1”（%2，%3）</translation>
    </message>
    <message>
        <source>The provider was not added. Run the command again with --allow-secret-file to keep its key in %1, readable only by you.</source>
        <translation>未添加该服务商。请加上 --allow-secret-file 重新运行命令，把它的密钥保存在 %1 中（只有你能读取）。</translation>
    </message>
    <message>
        <source>The provider was not added.</source>
        <translation>未添加该服务商。</translation>
    </message>
    <message>
        <source>warning: no system keychain is available; the API key is kept in the file %1 (readable only by you).</source>
        <translation>警告：没有可用的系统密钥环；API 密钥保存在文件 %1 中（只有你能读取）。</translation>
    </message>
    <message>
        <source>No provider “%1” is configured (see keel providers list).</source>
        <translation>未配置服务商“%1”（参见 keel providers list）。</translation>
    </message>
    <message>
        <source>Removed provider “%1”, but its API key could not be deleted: %2</source>
        <translation>已删除服务商“%1”，但无法删除其 API 密钥：%2</translation>
    </message>
    <message>
        <source>Removed provider “%1”</source>
        <translation>已删除服务商“%1”</translation>
    </message>
    <message>
        <source>No provider “%1” is configured (see keel providers list; add one with keel providers add).</source>
        <translation>未配置服务商“%1”（参见 keel providers list；可用 keel providers add 添加）。</translation>
    </message>
</context>
<context>
    <name>keel::core::CurlMulti</name>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source> (proxy %1)</source>
        <translation>（代理 %1）</translation>
    </message>
    <message>
        <source>No data received for %1 s</source>
        <translation>%1 秒内未收到任何数据</translation>
    </message>
</context>
<context>
    <name>keel::core::Engine</name>
    <message>
        <source>A turn needs a new, unique id.</source>
        <translation>每轮对话都需要一个新的唯一 ID。</translation>
    </message>
    <message>
        <source>Keel does not know the provider kind &quot;%1&quot;.</source>
        <translation>Keel 无法识别服务商类型“%1”。</translation>
    </message>
    <message>
        <source>A model list request needs a new, unique id.</source>
        <translation>模型列表请求需要一个新的唯一 ID。</translation>
    </message>
</context>
<context>
    <name>keel::core::ModelCapabilities</name>
    <message>
        <source>This model</source>
        <translation>此模型</translation>
    </message>
    <message>
        <source>%1 does not accept images. Remove the image, or choose a model that reads images (for example GPT-4o, Claude, Gemini or LLaVA).</source>
        <translation>%1 不支持图片输入。请移除图片，或选择能够读取图片的模型（例如 GPT-4o、Claude、Gemini 或 LLaVA）。</translation>
    </message>
</context>
<context>
    <name>keel::core::ModelLister</name>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>The model list from %1 is implausibly large.</source>
        <translation>来自 %1 的模型列表大得不合常理。</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation>%1 未及时响应。</translation>
    </message>
    <message>
        <source>The connection to %1 failed: %2</source>
        <translation>与 %1 的连接失败：%2</translation>
    </message>
</context>
<context>
    <name>keel::core::Settings</name>
    <message>
        <source>Name: enter a name for this provider.</source>
        <translation>名称：请为此服务商输入名称。</translation>
    </message>
    <message>
        <source>Name: another provider is already called %1.</source>
        <translation>名称：已有另一个服务商名为 %1。</translation>
    </message>
    <message>
        <source>Kind: choose one of openai, anthropic, gemini or ollama.</source>
        <translation>类型：请选择 openai、anthropic、gemini 或 ollama 之一。</translation>
    </message>
    <message>
        <source>Base URL: enter an address that starts with http:// or https://, e.g. https://api.example.com/v1.</source>
        <translation>基础 URL：请输入以 http:// 或 https:// 开头的地址，例如 https://api.example.com/v1。</translation>
    </message>
    <message>
        <source>Base URL: leave the user name and password out of the address; enter the key in the API key field.</source>
        <translation>基础 URL：请勿在地址中包含用户名和密码；请在“API 密钥”字段中输入密钥。</translation>
    </message>
    <message>
        <source>TLS verification: it can be turned off only for a server on this computer (localhost, 127.0.0.1 or ::1).</source>
        <translation>TLS 验证：仅可对本机上的服务器（localhost、127.0.0.1 或 ::1）关闭。</translation>
    </message>
    <message>
        <source>Headers: every header needs a name.</source>
        <translation>请求头：每个请求头都需要名称。</translation>
    </message>
    <message>
        <source>Headers: %1 is not a valid header name.</source>
        <translation>请求头：%1 不是有效的请求头名称。</translation>
    </message>
    <message>
        <source>Headers: the value of %1 must be a single line.</source>
        <translation>请求头：%1 的值必须为单行。</translation>
    </message>
    <message>
        <source>Settings ▸ Providers ▸ %1</source>
        <translation>设置 ▸ 服务商 ▸ %1</translation>
    </message>
    <message>
        <source>the command line options</source>
        <translation>命令行选项</translation>
    </message>
    <message>
        <source>the environment variable %1</source>
        <translation>环境变量 %1</translation>
    </message>
    <message>
        <source>Untitled assistant</source>
        <translation>未命名助手</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1（副本 %2）</translation>
    </message>
    <message>
        <source>No provider is set up yet. Add one in Settings ▸ Providers (Ctrl+,).</source>
        <translation>尚未设置任何服务商。请在“设置 ▸ 服务商”（Ctrl+,）中添加。</translation>
    </message>
    <message>
        <source>All providers are disabled. Enable one in Settings ▸ Providers (Ctrl+,).</source>
        <translation>所有服务商均已停用。请在“设置 ▸ 服务商”（Ctrl+,）中启用一个。</translation>
    </message>
    <message>
        <source>The API key of %1 is still being read from the keychain. Try again in a moment.</source>
        <translation>仍在从密钥环读取 %1 的 API 密钥，请稍后再试。</translation>
    </message>
    <message>
        <source>%1 has no API key yet. Enter it in Settings ▸ Providers.</source>
        <translation>%1 尚无 API 密钥。请在“设置 ▸ 服务商”中输入。</translation>
    </message>
    <message>
        <source>Choose a model for %1 in the model picker or in Settings ▸ Providers.</source>
        <translation>请在模型选择器或“设置 ▸ 服务商”中为 %1 选择模型。</translation>
    </message>
    <message>
        <source>The key was not saved: the provider no longer exists. Save the provider first.</source>
        <translation>密钥未保存：该服务商已不存在。请先保存服务商。</translation>
    </message>
    <message>
        <source>No API key is stored for %1 any more. Enter it again in Settings ▸ Providers.</source>
        <translation>已不再存储 %1 的 API 密钥。请在“设置 ▸ 服务商”中重新输入。</translation>
    </message>
    <message>
        <source>The API key of %1 could not be read.</source>
        <translation>无法读取 %1 的 API 密钥。</translation>
    </message>
    <message>
        <source>The secret could not be stored.</source>
        <translation>无法存储密钥。</translation>
    </message>
    <message>
        <source>The secret could not be removed.</source>
        <translation>无法移除密钥。</translation>
    </message>
</context>
<context>
    <name>keel::core::ToolRegistry</name>
    <message>
        <source>Keel has no built-in tool &quot;%1&quot;.</source>
        <translation>Keel 没有名为“%1”的内置工具。</translation>
    </message>
    <message>
        <source>The MCP server &quot;%1&quot; is not configured or is disabled.</source>
        <translation>MCP 服务器“%1”未配置或已停用。</translation>
    </message>
</context>
<context>
    <name>keel::core::ToolStep</name>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>There is no tool named &quot;%1&quot;.</source>
        <translation>没有名为“%1”的工具。</translation>
    </message>
    <message>
        <source>The user does not allow the tool &quot;%1&quot; to run.</source>
        <translation>用户不允许运行工具“%1”。</translation>
    </message>
    <message>
        <source>The tool &quot;%1&quot; was not run: it needs the user&apos;s approval and none was given (keel ask runs it with --allow-tool %1).</source>
        <translation>工具“%1”未运行：它需要用户批准，但未获得批准（keel ask 可通过 --allow-tool %1 运行它）。</translation>
    </message>
    <message>
        <source>The user denied this call of &quot;%1&quot;.</source>
        <translation>用户拒绝了对“%1”的此次调用。</translation>
    </message>
    <message>
        <source>No tools are available.</source>
        <translation>没有可用的工具。</translation>
    </message>
</context>
<context>
    <name>keel::core::TurnRunner</name>
    <message>
        <source>Stopped by the user.</source>
        <translation>已被用户停止。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>The server at %1 answered with a web page, not with a reply (HTTP %2). Check the base URL: it should be the address of the API.</source>
        <translation>%1 处的服务器返回了一个网页，而不是回复（HTTP %2）。请检查基础 URL：它应该是 API 的地址。</translation>
    </message>
    <message>
        <source>The server closed the stream before the reply was finished.</source>
        <translation>服务器在回复完成前关闭了流式传输。</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>Secure connection to %1 failed: %2</source>
        <translation>与 %1 的安全连接失败：%2</translation>
    </message>
    <message>
        <source>The server sent nothing for %1 s, so Keel gave up waiting. The idle timeout can be raised in the settings.</source>
        <translation>服务器已有 %1 秒没有发送任何数据，Keel 已停止等待。可以在设置中调高空闲超时。</translation>
    </message>
    <message>
        <source>The connection to %1 failed: %2</source>
        <translation>与 %1 的连接失败：%2</translation>
    </message>
    <message>
        <source>The server answered with an empty response (HTTP %1) instead of a reply.</source>
        <translation>服务器返回了空响应（HTTP %1），而不是回复。</translation>
    </message>
    <message>
        <source>The server&apos;s response (HTTP %1) ended without any reply text Keel could read. If this keeps happening, check the base URL and the provider type.</source>
        <translation>服务器的响应（HTTP %1）已结束，但其中没有 Keel 能读取的回复文本。如果此问题反复出现，请检查基础 URL 和服务商类型。</translation>
    </message>
    <message>
        <source> Gave up after %1 attempts.</source>
        <translation>已尝试 %1 次，均未成功。</translation>
    </message>
    <message>
        <source>Not run: the turn reached its limit of %1 model calls (tool steps can be raised in Settings ▸ Tools).</source>
        <translation>未执行：本轮已达到 %1 次模型调用的上限（可在“设置 ▸ 工具”中调高工具步数）。</translation>
    </message>
</context>
<context>
    <name>keel::ui::AppearancePage</name>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter 发送，Enter 换行</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Transcript font</source>
        <translation>对话记录字体</translation>
    </message>
    <message>
        <source>Use the system font</source>
        <translation>使用系统字体</translation>
    </message>
    <message>
        <source>&amp;Font:</source>
        <translation>字体(&amp;F)：</translation>
    </message>
    <message>
        <source>Transcript font size</source>
        <translation>对话记录字号</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>字号(&amp;S)：</translation>
    </message>
    <message>
        <source>The quick brown fox jumps over the lazy dog. 0123456789</source>
        <translation>敏捷的棕色狐狸跳过了懒狗。The quick brown fox jumps over the lazy dog. 0123456789</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>预览：</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Takes effect when Keel restarts.</source>
        <translation>重新启动 Keel 后生效。</translation>
    </message>
</context>
<context>
    <name>keel::ui::AssistantsPage</name>
    <message>
        <source>Assistants</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New assistant</source>
        <translation>新建助手</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Duplicate assistant</source>
        <translation>创建助手副本</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete assistant</source>
        <translation>删除助手</translation>
    </message>
    <message>
        <source>Confirm delete</source>
        <translation>确认删除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel delete</source>
        <translation>取消删除</translation>
    </message>
    <message>
        <source>No assistants yet. Create one with New.</source>
        <translation>还没有助手。点击“新建”创建一个。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Shown in the New chat menu</source>
        <translation>显示在“新建聊天”菜单中</translation>
    </message>
    <message>
        <source>An assistant needs a name.</source>
        <translation>助手需要一个名称。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>What it is good at (optional)</source>
        <translation>擅长做什么（可选）</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Tick a setting to give the assistant its own value; the others follow the chat defaults.</source>
        <translation>勾选某项设置即可为助手单独指定值；其余设置沿用聊天默认设置。</translation>
    </message>
    <message>
        <source>Delete “%1”? Conversations started from it keep their settings.</source>
        <translation>删除“%1”？由它开始的对话会保留各自的设置。</translation>
    </message>
</context>
<context>
    <name>keel::ui::AttachmentChip</name>
    <message>
        <source>Attachment %1</source>
        <translation>附件 %1</translation>
    </message>
    <message>
        <source>Delete removes it</source>
        <translation>按 Delete 键可将其移除</translation>
    </message>
    <message>
        <source>⚠ %1 — cut off</source>
        <translation>⚠ %1 — 已截断</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
</context>
<context>
    <name>keel::ui::AttachmentDropArea</name>
    <message>
        <source>Drop files or images to attach them</source>
        <translation>拖放文件或图片以附加</translation>
    </message>
    <message>
        <source>Drop to attach</source>
        <translation>松开即可附加</translation>
    </message>
</context>
<context>
    <name>keel::ui::AttachmentLoader</name>
    <message>
        <source>The pasted image could not be read.</source>
        <translation>无法读取粘贴的图片。</translation>
    </message>
    <message>
        <source>Pasted image %1.png</source>
        <translation>粘贴的图片 %1.png</translation>
    </message>
</context>
<context>
    <name>keel::ui::AttachmentStrip</name>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>A message can have at most %1 attachments; not attached: %2.</source>
        <translation>一条消息最多只能有 %1 个附件；未附加：%2。</translation>
    </message>
    <message>
        <source>A message can have at most %1 attachments; the image was not attached.</source>
        <translation>一条消息最多只能有 %1 个附件；该图片未附加。</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <source>Attach images or text files (you can also drop or paste them)</source>
        <translation>附加图片或文本文件（也可以拖放或粘贴）</translation>
    </message>
    <message>
        <source>A message can have at most %1 attachments; %2 was not attached.</source>
        <translation>一条消息最多只能有 %1 个附件；%2 未附加。</translation>
    </message>
</context>
<context>
    <name>keel::ui::AttachmentThumbnails</name>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
</context>
<context>
    <name>keel::ui::BranchNavigator</name>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>第 %1 个版本，共 %2 个</translation>
    </message>
</context>
<context>
    <name>keel::ui::ChatDefaultsPage</name>
    <message>
        <source>Chat defaults</source>
        <translation>聊天默认设置</translation>
    </message>
    <message>
        <source>Every conversation starts from these. A conversation or an assistant can override any of them.</source>
        <translation>每个对话都以这些设置为起点。对话或助手可以覆盖其中任何一项。</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>First enabled model</source>
        <translation>第一个已启用的模型</translation>
    </message>
    <message>
        <source>Default model:</source>
        <translation>默认模型：</translation>
    </message>
</context>
<context>
    <name>keel::ui::ChatHeader</name>
    <message>
        <source>Model of this conversation</source>
        <translation>此对话的模型</translation>
    </message>
    <message>
        <source>Parameters of this conversation</source>
        <translation>此对话的参数</translation>
    </message>
    <message>
        <source>System prompt, temperature and other parameters of this conversation</source>
        <translation>此对话的系统提示词、温度及其他参数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>This conversation uses the chat defaults.</source>
        <translation>此对话使用聊天默认设置。</translation>
    </message>
    <message numerus="yes">
        <source>Parameters (%n changed)</source>
        <translation>
            <numerusform>参数（已更改 %n 项）</numerusform>
        </translation>
    </message>
    <message>
        <source>Differs from the chat defaults: %1</source>
        <translation>与聊天默认设置不同：%1</translation>
    </message>
</context>
<context>
    <name>keel::ui::ChatParametersEditor</name>
    <message>
        <source>Chat defaults</source>
        <translation>聊天默认设置</translation>
    </message>
    <message>
        <source>Chat parameter overrides</source>
        <translation>聊天参数覆盖</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Max output tokens</source>
        <translation>最大输出 token 数</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>思考强度</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考预算</translation>
    </message>
    <message>
        <source>Streaming</source>
        <translation>流式传输</translation>
    </message>
    <message>
        <source>Instructions the model gets before every conversation</source>
        <translation>模型在每次对话开始前收到的指示</translation>
    </message>
    <message>
        <source>Higher values make replies more varied, lower ones more focused</source>
        <translation>值越高，回复越多样；值越低，回复越集中</translation>
    </message>
    <message>
        <source>Nucleus sampling: only the most likely tokens up to this share</source>
        <translation>核采样：仅从累计概率达到此比例的最可能 token 中采样</translation>
    </message>
    <message>
        <source>The longest reply the model may write, in tokens</source>
        <translation>模型单次回复的最大长度，以 token 计</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>How hard reasoning models think before answering; — sends nothing</source>
        <translation>推理模型在回答前思考的深度；选择“—”则不发送此参数</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> token</translation>
    </message>
    <message>
        <source>Tokens the model may spend thinking (0 = off)</source>
        <translation>模型可用于思考的 token 数（0 = 关闭）</translation>
    </message>
    <message>
        <source>Show the reply as it is written</source>
        <translation>在生成过程中实时显示回复</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>Override %1</source>
        <translation>覆盖 %1</translation>
    </message>
    <message>
        <source>Use a value of its own instead of the default</source>
        <translation>使用单独的值，而不是默认值</translation>
    </message>
    <message>
        <source>Provider default</source>
        <translation>服务商默认值</translation>
    </message>
    <message>
        <source>%1: provider default</source>
        <translation>%1：服务商默认值</translation>
    </message>
    <message>
        <source>Send no value: the provider&apos;s own default applies</source>
        <translation>不发送任何值：采用服务商自身的默认值</translation>
    </message>
    <message>
        <source>Reset %1 to the default</source>
        <translation>将 %1 重置为默认值</translation>
    </message>
    <message>
        <source>Reset to the default</source>
        <translation>重置为默认值</translation>
    </message>
    <message>
        <source>differs from the default</source>
        <translation>与默认值不同</translation>
    </message>
</context>
<context>
    <name>keel::ui::CodeBlockHeader</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Copy the code to the clipboard</source>
        <translation>将代码复制到剪贴板</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copies the code to the clipboard</source>
        <translation>将代码复制到剪贴板</translation>
    </message>
    <message>
        <source>Copies the %1 code to the clipboard</source>
        <translation>将 %1 代码复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>keel::ui::Composer</name>
    <message>
        <source>Message Keel…</source>
        <translation>给 Keel 发消息…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line.</source>
        <translation>按 Enter 发送消息，按 Shift+Enter 换行。</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends the message, Enter starts a new line.</source>
        <translation>按 Ctrl+Enter 发送消息，按 Enter 换行。</translation>
    </message>
</context>
<context>
    <name>keel::ui::ConversationController</name>
    <message>
        <source>A reply is still being written. Stop it first (Esc).</source>
        <translation>仍在生成回复。请先停止（Esc）。</translation>
    </message>
    <message>
        <source>The conversation is still opening.</source>
        <translation>对话仍在打开中。</translation>
    </message>
    <message>
        <source>Continue exactly where you stopped. Do not repeat anything.</source>
        <translation>请从你停下的地方继续，不要重复任何内容。</translation>
    </message>
    <message>
        <source>That version is not available while the history cannot be read.</source>
        <translation>无法读取历史记录时，该版本不可用。</translation>
    </message>
    <message>
        <source>The conversation is still being saved. Try again in a moment.</source>
        <translation>对话仍在保存中，请稍后再试。</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n message(s).</source>
        <translation>
            <numerusform>已删除 %n 条消息。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop the reply first (Esc), then start a new chat.</source>
        <translation>请先停止回复（Esc），然后再新建聊天。</translation>
    </message>
    <message>
        <source>Stop the reply first (Esc), then open another conversation.</source>
        <translation>请先停止回复（Esc），然后再打开其他对话。</translation>
    </message>
    <message>
        <source>The message is no longer in this conversation.</source>
        <translation>该消息已不在此对话中。</translation>
    </message>
    <message>
        <source>Older messages could not be read; the reply sees only the loaded ones.</source>
        <translation>无法读取较早的消息；模型回复时只能看到已加载的消息。</translation>
    </message>
</context>
<context>
    <name>keel::ui::ConversationDelegate</name>
    <message>
        <source>Conversation title</source>
        <translation>对话标题</translation>
    </message>
</context>
<context>
    <name>keel::ui::ConversationListModel</name>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>过去 7 天</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>更早</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新建聊天</translation>
    </message>
    <message>
        <source>%1 (open)</source>
        <translation>%1（已打开）</translation>
    </message>
</context>
<context>
    <name>keel::ui::ConversationSettingsPanel</name>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <source>Conversation settings</source>
        <translation>对话设置</translation>
    </message>
    <message>
        <source>This conversation</source>
        <translation>此对话</translation>
    </message>
    <message>
        <source>Tick a setting to give this conversation its own value; the others follow the chat defaults.</source>
        <translation>勾选某项设置即可为此对话单独设定值；其余设置沿用聊天默认设置。</translation>
    </message>
    <message>
        <source>Drop this conversation&apos;s own values</source>
        <translation>清除此对话的单独设置</translation>
    </message>
    <message>
        <source>Uses the chat defaults</source>
        <translation>使用聊天默认设置</translation>
    </message>
    <message>
        <source>Differs from defaults: %1</source>
        <translation>与默认设置不同：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>keel::ui::ExportAllDialog</name>
    <message>
        <source>Export all conversations</source>
        <translation>导出所有对话</translation>
    </message>
    <message>
        <source>Export every conversation as:</source>
        <translation>将每个对话导出为：</translation>
    </message>
    <message>
        <source>One JSON archive</source>
        <translation>单个 JSON 归档文件</translation>
    </message>
    <message>
        <source>Every conversation with all its branches, in one file Keel can import again.</source>
        <translation>包含所有对话及其全部分支的单个文件，之后可再次导入 Keel。</translation>
    </message>
    <message>
        <source>A folder of Markdown files</source>
        <translation>包含 Markdown 文件的文件夹</translation>
    </message>
    <message>
        <source>One file per conversation, its current branch.</source>
        <translation>每个对话一个文件，包含其当前分支。</translation>
    </message>
    <message>
        <source>A folder of HTML files</source>
        <translation>包含 HTML 文件的文件夹</translation>
    </message>
    <message>
        <source>One web page per conversation, its current branch.</source>
        <translation>每个对话一个网页，包含其当前分支。</translation>
    </message>
    <message>
        <source>A folder of plain text files</source>
        <translation>包含纯文本文件的文件夹</translation>
    </message>
    <message>
        <source>One text file per conversation, its current branch.</source>
        <translation>每个对话一个文本文件，包含其当前分支。</translation>
    </message>
    <message>
        <source>Choose where…</source>
        <translation>选择位置…</translation>
    </message>
    <message>
        <source>Choose where to export</source>
        <translation>选择导出位置</translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation>取消导出</translation>
    </message>
</context>
<context>
    <name>keel::ui::FileChip</name>
    <message>
        <source>File %1, %2</source>
        <translation>文件 %1，%2</translation>
    </message>
</context>
<context>
    <name>keel::ui::FindBar</name>
    <message>
        <source>Find in conversation</source>
        <translation>在对话中查找</translation>
    </message>
    <message>
        <source>Text to find</source>
        <translation>要查找的文本</translation>
    </message>
    <message>
        <source>Enter goes to the next match, Shift+Enter to the previous one, Esc closes.</source>
        <translation>按 Enter 跳到下一个匹配项，按 Shift+Enter 跳到上一个，按 Esc 关闭。</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配项</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配项</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配项 (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配项</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个匹配项 (Enter)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 of %2+</source>
        <translation>第 %1 项，共 %2+ 项</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 项，共 %2 项</translation>
    </message>
</context>
<context>
    <name>keel::ui::ImageThumbnail</name>
    <message>
        <source>Image %1</source>
        <translation>图片 %1</translation>
    </message>
    <message>
        <source>Opens the image large</source>
        <translation>查看大图</translation>
    </message>
</context>
<context>
    <name>keel::ui::ImageViewer</name>
    <message>
        <source>Image viewer: %1</source>
        <translation>图片查看器：%1</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Image details</source>
        <translation>图片详细信息</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the image viewer</source>
        <translation>关闭图片查看器</translation>
    </message>
    <message>
        <source>%1 cannot be shown: the image could not be decoded.</source>
        <translation>无法显示 %1：图片无法解码。</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Fit the image to the window</source>
        <translation>将图片缩放至适应窗口</translation>
    </message>
    <message>
        <source>Show the image at its actual size</source>
        <translation>以实际大小显示图片</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>keel::ui::ImportPreviewDialog</name>
    <message>
        <source>Import conversations</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Import preview</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>1 of these conversations was imported before.</source>
        <translation>其中 1 个对话之前已导入过。</translation>
    </message>
    <message>
        <source>%1 of these conversations were imported before.</source>
        <translation>其中 %1 个对话之前已导入过。</translation>
    </message>
    <message>
        <source>Skip the 1 already imported</source>
        <translation>跳过已导入的 1 个对话</translation>
    </message>
    <message>
        <source>Skip the %1 already imported</source>
        <translation>跳过已导入的 %1 个对话</translation>
    </message>
    <message>
        <source>Skip the conversations already imported</source>
        <translation>跳过已导入的对话</translation>
    </message>
    <message>
        <source>Replace them</source>
        <translation>替换它们</translation>
    </message>
    <message>
        <source>Replace the conversations already imported</source>
        <translation>替换已导入的对话</translation>
    </message>
    <message>
        <source>The copies in your history are deleted and the ones in the file imported.</source>
        <translation>历史记录中的副本将被删除，并导入文件中的版本。</translation>
    </message>
    <message>
        <source>1 note about the conversion</source>
        <translation>1 条转换说明</translation>
    </message>
    <message>
        <source>%1 notes about the conversion</source>
        <translation>%1 条转换说明</translation>
    </message>
    <message>
        <source>Show the notes about the conversion</source>
        <translation>显示转换说明</translation>
    </message>
    <message>
        <source>Notes about the conversion</source>
        <translation>转换说明</translation>
    </message>
    <message>
        <source>Hide the notes about the conversion</source>
        <translation>隐藏转换说明</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import the conversations</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>%1 export: %2, %3</source>
        <translation>%1 导出：%2，%3</translation>
    </message>
    <message>
        <source>1 conversation</source>
        <translation>1 个对话</translation>
    </message>
    <message>
        <source>%1 conversations</source>
        <translation>%1 个对话</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 条消息</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 条消息</translation>
    </message>
</context>
<context>
    <name>keel::ui::MainWindow</name>
    <message>
        <source>Keel</source>
        <translation>Keel</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>聊天(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>新建聊天(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Find in conversation…</source>
        <translation>在对话中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Search all chats…</source>
        <translation>搜索所有对话(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Copy last reply</source>
        <translation>复制上一条回复(&amp;C)</translation>
    </message>
    <message>
        <source>Attachments are still being read. Send again in a moment.</source>
        <translation>附件仍在读取中，请稍后再发送。</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Message copied</source>
        <translation>已复制消息</translation>
    </message>
    <message>
        <source>Reply copied</source>
        <translation>已复制回复</translation>
    </message>
    <message>
        <source>Copied as plain text</source>
        <translation>已复制为纯文本</translation>
    </message>
    <message>
        <source>The model sent an empty reply.</source>
        <translation>模型返回了空回复。</translation>
    </message>
    <message>
        <source>Stopped before any text arrived.</source>
        <translation>在收到任何文本之前已停止。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <source>Delete this message?</source>
        <translation>要删除此消息吗？</translation>
    </message>
    <message numerus="yes">
        <source>Delete this message and the %n after it?</source>
        <translation>
            <numerusform>要删除此消息及其后的 %n 条消息吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the message</source>
        <translation>删除该消息</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The reply was cut off</source>
        <translation>回复被截断</translation>
    </message>
    <message>
        <source>The request failed</source>
        <translation>请求失败</translation>
    </message>
    <message>
        <source>The conversation history could not be read or saved.</source>
        <translation>无法读取或保存对话历史记录。</translation>
    </message>
    <message>
        <source>The damaged file was moved to %1.</source>
        <translation>已损坏的文件已移至 %1。</translation>
    </message>
    <message>
        <source>This conversation is kept in memory only: replies still arrive and can be copied, but they will be gone when Keel closes.</source>
        <translation>此对话仅保存在内存中：回复仍会送达并可复制，但关闭 Keel 后将会丢失。</translation>
    </message>
    <message>
        <source>%1 — Keel</source>
        <translation>%1 — Keel</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply</source>
        <translation>停止回复</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复（Esc）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
</context>
<context>
    <name>keel::ui::MarkdownImport</name>
    <message>
        <source>Image: %1</source>
        <translation>图片：%1</translation>
    </message>
    <message>
        <source>Image: %1 — %2</source>
        <translation>图片：%1 — %2</translation>
    </message>
</context>
<context>
    <name>keel::ui::McpServerEditor</name>
    <message>
        <source>Arguments, one per line</source>
        <translation>参数，每行一个</translation>
    </message>
    <message>
        <source>Environment variables, NAME=value per line</source>
        <translation>环境变量，每行一个 NAME=value</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>服务器名称</translation>
    </message>
    <message>
        <source>How Keel and the model name this server; its tools are shown as NAME/tool</source>
        <translation>Keel 和模型用来称呼此服务器的名称；其工具显示为 NAME/tool</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>e.g. npx, uvx, docker or the path of a program</source>
        <translation>例如 npx、uvx、docker 或程序的路径</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>命令(&amp;C)：</translation>
    </message>
    <message>
        <source>-y
@modelcontextprotocol/server-everything</source>
        <translation>-y
@modelcontextprotocol/server-everything</translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation>参数(&amp;A)：</translation>
    </message>
    <message>
        <source>NAME=value</source>
        <translation>NAME=value</translation>
    </message>
    <message>
        <source>En&amp;vironment:</source>
        <translation>环境变量(&amp;V)：</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>工作目录</translation>
    </message>
    <message>
        <source>Your home folder</source>
        <translation>你的主文件夹</translation>
    </message>
    <message>
        <source>&amp;Working directory:</source>
        <translation>工作目录(&amp;W)：</translation>
    </message>
    <message>
        <source>Server enabled</source>
        <translation>服务器已启用</translation>
    </message>
    <message>
        <source>A disabled server is never started and its tools are not offered</source>
        <translation>停用的服务器永远不会启动，其工具也不会提供给模型</translation>
    </message>
    <message>
        <source>Name: enter a name for this server.</source>
        <translation>名称：请为此服务器输入名称。</translation>
    </message>
    <message>
        <source>Command: enter the program that starts the server (e.g. npx).</source>
        <translation>命令：请输入用于启动该服务器的程序（例如 npx）。</translation>
    </message>
    <message>
        <source>Environment, line %1: write NAME=value.</source>
        <translation>环境变量，第 %1 行：请写成 NAME=value 的形式。</translation>
    </message>
</context>
<context>
    <name>keel::ui::MessageDetails</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation>输入 token</translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation>输出 token</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>首个 token 用时</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>keel::ui::MessageTextView</name>
    <message>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <source>Keel opens only web and e-mail links. This link was not opened:

%1</source>
        <translation>Keel 只会打开网页和电子邮件链接。此链接未被打开：

%1</translation>
    </message>
    <message>
        <source>Open this address in your browser?

%1</source>
        <translation>要在浏览器中打开此地址吗？

%1</translation>
    </message>
</context>
<context>
    <name>keel::ui::MessageWidget</name>
    <message>
        <source>Message text</source>
        <translation>消息文本</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>回复文本</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>你的消息</translation>
    </message>
    <message>
        <source>Reply from %1</source>
        <translation>来自 %1 的回复</translation>
    </message>
    <message>
        <source>Shows or hides the model&apos;s reasoning</source>
        <translation>显示或隐藏模型的思考过程</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Continue this reply</source>
        <translation>继续此回复</translation>
    </message>
    <message>
        <source>Ask the model to go on from where it stopped</source>
        <translation>让模型从中断处继续</translation>
    </message>
    <message>
        <source>Retry this reply</source>
        <translation>重试此回复</translation>
    </message>
    <message>
        <source>Versions of this message</source>
        <translation>此消息的各个版本</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>复制此消息</translation>
    </message>
    <message>
        <source>Copy this reply</source>
        <translation>复制此回复</translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation>复制为 Markdown</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit this message</source>
        <translation>编辑此消息</translation>
    </message>
    <message>
        <source>Edit and send as a new version</source>
        <translation>编辑并作为新版本发送</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Regenerate this reply</source>
        <translation>重新生成此回复</translation>
    </message>
    <message>
        <source>Write a new version of this reply</source>
        <translation>为此回复生成一个新版本</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Details of this reply</source>
        <translation>此回复的详细信息</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>更多操作</translation>
    </message>
    <message>
        <source>Copy as plain text</source>
        <translation>复制为纯文本</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>less than a second</source>
        <translation>不到 1 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Thinking… %1</source>
        <translation>正在思考… %1</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>正在思考…</translation>
    </message>
    <message>
        <source>Thought for %1</source>
        <translation>已思考 %1</translation>
    </message>
    <message>
        <source>The reply was cut off.</source>
        <translation>回复被截断。</translation>
    </message>
    <message>
        <source>The reply was cut off: %1</source>
        <translation>回复被截断：%1</translation>
    </message>
    <message>
        <source>The request failed.</source>
        <translation>请求失败。</translation>
    </message>
    <message>
        <source>Edited message</source>
        <translation>已编辑的消息</translation>
    </message>
    <message>
        <source>Edit the message…</source>
        <translation>编辑消息…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the edited message</source>
        <translation>发送编辑后的消息</translation>
    </message>
</context>
<context>
    <name>keel::ui::ModelListEditor</name>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Ask the provider for its models with the settings above</source>
        <translation>使用上方的设置向服务商查询其模型</translation>
    </message>
    <message>
        <source>Fetch models</source>
        <translation>获取模型</translation>
    </message>
    <message>
        <source>Add the provider&apos;s models to the list below</source>
        <translation>将服务商的模型添加到下方列表</translation>
    </message>
    <message>
        <source>Enable all</source>
        <translation>全部启用</translation>
    </message>
    <message>
        <source>Enable every model the search shows</source>
        <translation>启用搜索结果中显示的所有模型</translation>
    </message>
    <message>
        <source>Disable all</source>
        <translation>全部停用</translation>
    </message>
    <message>
        <source>Disable every model the search shows</source>
        <translation>停用搜索结果中显示的所有模型</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>The first enabled model</source>
        <translation>第一个已启用的模型</translation>
    </message>
    <message>
        <source>&amp;Default model:</source>
        <translation>默认模型(&amp;D)：</translation>
    </message>
    <message>
        <source>Waiting for the provider</source>
        <translation>正在等待服务商</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>搜索模型</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>No models yet: Fetch models lists what the provider offers.</source>
        <translation>暂无模型：点击“获取模型”可列出服务商提供的模型。</translation>
    </message>
    <message>
        <source>%1 of %2 models enabled. The first fetch enables every model; later fetches add new ones disabled. Double-click a display name to change it.</source>
        <translation>已启用 %1 个模型，共 %2 个。首次获取会启用所有模型；之后获取到的新模型默认处于停用状态。双击显示名称即可修改。</translation>
    </message>
</context>
<context>
    <name>keel::ui::ModelListModel</name>
    <message>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Double-click to name this model in the model picker</source>
        <translation>双击可设置此模型在模型选择器中显示的名称</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
</context>
<context>
    <name>keel::ui::ModelPicker</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Choose the model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>No model configured</source>
        <translation>未配置模型</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>No provider has an enabled model yet: add one in Settings</source>
        <translation>还没有服务商启用模型：请在设置中添加</translation>
    </message>
    <message>
        <source>%1 (unavailable)</source>
        <translation>%1（不可用）</translation>
    </message>
    <message>
        <source>This model is not enabled in the settings any more; choose another one</source>
        <translation>此模型已不再在设置中启用；请选择其他模型</translation>
    </message>
</context>
<context>
    <name>keel::ui::ModelPickerPopup</name>
    <message>
        <source>Choose a model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>搜索模型</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Whatever the default model is at the time</source>
        <translation>始终使用当时的默认模型</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>No models yet. Add a provider in Settings, then fetch or enable its models.</source>
        <translation>暂无模型。请先在“设置”中添加服务商，然后获取或启用其模型。</translation>
    </message>
    <message>
        <source>No model matches “%1”.</source>
        <translation>没有与“%1”匹配的模型。</translation>
    </message>
</context>
<context>
    <name>keel::ui::NetworkPage</name>
    <message>
        <source>Proxy password</source>
        <translation>代理密码</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>永不</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Use the system&apos;s proxy settings</source>
        <translation>使用系统代理设置</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>代理(&amp;P)：</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>代理 URL</translation>
    </message>
    <message>
        <source>http://proxy.example.com:3128 or socks5h://127.0.0.1:1080</source>
        <translation>http://proxy.example.com:3128 或 socks5h://127.0.0.1:1080</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Proxy user name</source>
        <translation>代理用户名</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>用户名(&amp;S)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Connect timeout in seconds</source>
        <translation>连接超时（秒）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How long to wait for the server to accept the connection</source>
        <translation>等待服务器接受连接的时长</translation>
    </message>
    <message>
        <source>&amp;Connect timeout:</source>
        <translation>连接超时(&amp;C)：</translation>
    </message>
    <message>
        <source>Idle timeout in seconds</source>
        <translation>空闲超时（秒）</translation>
    </message>
    <message>
        <source>Never give up on a silent server</source>
        <translation>服务器无响应时也一直等待，永不放弃</translation>
    </message>
    <message>
        <source>&amp;Idle timeout:</source>
        <translation>空闲超时(&amp;I)：</translation>
    </message>
    <message>
        <source>A reply is given up after this long without a single byte from the server. Reasoning models can think silently for minutes; the default is 600 s.</source>
        <translation>如果服务器在这段时间内没有发送任何数据，就放弃该回复。思考模型可能会静默思考好几分钟；默认值为 600 秒。</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>TLS certificates are always verified. Only a provider whose server runs on this computer (localhost, 127.0.0.1, ::1) may turn verification off, in its settings on the Providers page.</source>
        <translation>始终验证 TLS 证书。只有服务器运行在本机（localhost、127.0.0.1、::1）上的服务商才可以关闭验证，可在“服务商”页面的该服务商设置中关闭。</translation>
    </message>
    <message>
        <source>Enter the proxy&apos;s URL, e.g. http://proxy.example.com:3128.</source>
        <translation>请输入代理的 URL，例如 http://proxy.example.com:3128。</translation>
    </message>
    <message>
        <source>Not a proxy URL: write it as scheme://host:port, e.g. socks5h://127.0.0.1:1080.</source>
        <translation>不是有效的代理 URL：请按 scheme://host:port 的格式填写，例如 socks5h://127.0.0.1:1080。</translation>
    </message>
    <message>
        <source>Keel cannot use a “%1” proxy: use http, https, socks5 or socks5h.</source>
        <translation>Keel 无法使用“%1”代理：请使用 http、https、socks5 或 socks5h。</translation>
    </message>
    <message>
        <source>Put the user name and password in the fields below, not in the URL.</source>
        <translation>请将用户名和密码填写在下方的字段中，而不是写在 URL 里。</translation>
    </message>
    <message>
        <source>Stored in the private key file</source>
        <translation>已保存在私有密钥文件中</translation>
    </message>
    <message>
        <source>Stored in the system keychain</source>
        <translation>已保存在系统密钥环中</translation>
    </message>
    <message>
        <source>A stored password is never shown. Type a new one to replace it.</source>
        <translation>已保存的密码不会显示。输入新密码即可替换。</translation>
    </message>
    <message>
        <source>Passwords cannot be stored until a keychain or the private key file is available (see the Providers page).</source>
        <translation>在密钥环或私有密钥文件可用之前，无法保存密码（参见“服务商”页面）。</translation>
    </message>
    <message>
        <source>Storing the password…</source>
        <translation>正在保存密码…</translation>
    </message>
    <message>
        <source>Password removed.</source>
        <translation>密码已移除。</translation>
    </message>
    <message>
        <source>Password stored.</source>
        <translation>密码已保存。</translation>
    </message>
    <message>
        <source>The password was not stored: %1</source>
        <translation>密码未能保存：%1</translation>
    </message>
</context>
<context>
    <name>keel::ui::NoticeBanner</name>
    <message>
        <source>Problem with the history</source>
        <translation>历史记录出现问题</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>keel::ui::OnboardingWidget</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Welcome to Keel</source>
        <translation>欢迎使用 Keel</translation>
    </message>
    <message>
        <source>Keel talks to language models through a provider: a cloud service with your API key, or a model running on this computer. Pick one to set it up; you can add more later in Settings.</source>
        <translation>Keel 通过服务商与语言模型对话：可以是使用你的 API 密钥的云服务，也可以是在本机上运行的模型。选择一个进行配置；之后可以在“设置”中添加更多服务商。</translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>Google Gemini</source>
        <translation>Google Gemini</translation>
    </message>
    <message>
        <source>OpenRouter</source>
        <translation>OpenRouter</translation>
    </message>
    <message>
        <source>DeepSeek</source>
        <translation>DeepSeek</translation>
    </message>
    <message>
        <source>Ollama (runs locally)</source>
        <translation>Ollama（本地运行）</translation>
    </message>
    <message>
        <source>Custom / OpenAI-compatible…</source>
        <translation>自定义 / OpenAI 兼容…</translation>
    </message>
    <message>
        <source>Add a custom provider</source>
        <translation>添加自定义服务商</translation>
    </message>
    <message>
        <source>Set up %1</source>
        <translation>配置 %1</translation>
    </message>
    <message>
        <source>Already have keys in your environment? On its first start Keel picks up OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY), OPENROUTER_API_KEY, DEEPSEEK_API_KEY and OLLAMA_HOST, and an Ollama answering on localhost:11434.</source>
        <translation>环境变量中已有密钥？Keel 首次启动时会自动读取 OPENAI_API_KEY、ANTHROPIC_API_KEY、GEMINI_API_KEY（或 GOOGLE_API_KEY）、OPENROUTER_API_KEY、DEEPSEEK_API_KEY 和 OLLAMA_HOST，并检测在 localhost:11434 上响应的 Ollama。</translation>
    </message>
</context>
<context>
    <name>keel::ui::PdfExport</name>
    <message>
        <source>Could not write %1: %2. Nothing was exported.</source>
        <translation>无法写入 %1：%2。未导出任何内容。</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>the folder %1 is read-only</source>
        <translation>文件夹 %1 为只读</translation>
    </message>
    <message>
        <source>the PDF could not be started</source>
        <translation>无法开始生成 PDF</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>the PDF could not be finished</source>
        <translation>无法完成 PDF 的生成</translation>
    </message>
</context>
<context>
    <name>keel::ui::ProviderEditor</name>
    <message>
        <source>OpenAI-compatible (Chat Completions)</source>
        <translation>OpenAI 兼容（Chat Completions）</translation>
    </message>
    <message>
        <source>Anthropic (Messages)</source>
        <translation>Anthropic（Messages）</translation>
    </message>
    <message>
        <source>Google Gemini</source>
        <translation>Google Gemini</translation>
    </message>
    <message>
        <source>Ollama (native API)</source>
        <translation>Ollama（原生 API）</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Enabled: offer its models in the model picker</source>
        <translation>启用：在模型选择器中提供其模型</translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation>验证 TLS 证书</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Revert the changes to this provider</source>
        <translation>还原对此服务商的更改</translation>
    </message>
    <message>
        <source>Save this provider</source>
        <translation>保存此服务商</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Provider name</source>
        <translation>服务商名称</translation>
    </message>
    <message>
        <source>Shown in the model picker; used by keel --provider</source>
        <translation>显示在模型选择器中；供 keel --provider 使用</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>API kind</source>
        <translation>API 类型</translation>
    </message>
    <message>
        <source>API &amp;kind:</source>
        <translation>API 类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>基础 URL(&amp;U)：</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Provider enabled</source>
        <translation>已启用服务商</translation>
    </message>
    <message>
        <source>Extra HTTP headers</source>
        <translation>额外的 HTTP 请求头</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>添加请求头</translation>
    </message>
    <message>
        <source>Add a header</source>
        <translation>添加一个请求头</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>移除请求头</translation>
    </message>
    <message>
        <source>Remove the selected header</source>
        <translation>移除所选请求头</translation>
    </message>
    <message>
        <source>None. Some gateways want one, e.g. an organisation id.</source>
        <translation>无。某些网关需要额外的请求头，例如组织 ID。</translation>
    </message>
    <message>
        <source>%1 preset · %2</source>
        <translation>%1 预设 · %2</translation>
    </message>
    <message>
        <source>Custom · %1</source>
        <translation>自定义 · %1</translation>
    </message>
    <message>
        <source>Select a provider on the left, or add one.</source>
        <translation>在左侧选择一个服务商，或添加新的服务商。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>No provider selected</source>
        <translation>未选择服务商</translation>
    </message>
    <message>
        <source>New provider</source>
        <translation>新建服务商</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>无密钥</translation>
    </message>
    <message>
        <source>The stored key is removed when you save.</source>
        <translation>保存时将删除已存储的密钥。</translation>
    </message>
    <message>
        <source>Stored in the private key file</source>
        <translation>已存储在私有密钥文件中</translation>
    </message>
    <message>
        <source>Stored in the system keychain</source>
        <translation>已存储在系统密钥环中</translation>
    </message>
    <message>
        <source>A stored key is never shown. Type a new key to replace it.</source>
        <translation>已存储的密钥不会显示。输入新密钥即可替换。</translation>
    </message>
    <message>
        <source>Usually not needed for a server on this computer</source>
        <translation>对于本机上的服务器，通常不需要</translation>
    </message>
    <message>
        <source>Paste the provider&apos;s API key</source>
        <translation>粘贴服务商的 API 密钥</translation>
    </message>
    <message>
        <source>Keys cannot be stored until a keychain or the private key file is available (see the top of this page).</source>
        <translation>在系统密钥环或私有密钥文件可用之前，无法存储密钥（见本页顶部）。</translation>
    </message>
    <message>
        <source>Turn off only for a server on this computer with a self-signed certificate</source>
        <translation>仅在本机服务器使用自签名证书时关闭</translation>
    </message>
    <message>
        <source>Always on for servers that are not on this computer</source>
        <translation>对不在本机上的服务器始终启用</translation>
    </message>
    <message>
        <source>Saved. Removing the key…</source>
        <translation>已保存。正在删除密钥…</translation>
    </message>
    <message>
        <source>Saved. Storing the key…</source>
        <translation>已保存。正在存储密钥…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>The key was not stored: %1</source>
        <translation>密钥未能存储：%1</translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation>正在存储密钥…</translation>
    </message>
    <message>
        <source>Fetching models…</source>
        <translation>正在获取模型…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>The provider did not answer.</source>
        <translation>服务商没有响应。</translation>
    </message>
    <message>
        <source>Connected — 1 model, %1 ms</source>
        <translation>已连接 — 1 个模型，耗时 %1 ms</translation>
    </message>
    <message>
        <source>Connected — %1 models, %2 ms</source>
        <translation>已连接 — %1 个模型，耗时 %2 ms</translation>
    </message>
    <message>
        <source>Fetched %1 models.</source>
        <translation>已获取 %1 个模型。</translation>
    </message>
    <message>
        <source>Fetched %1 models: nothing new.</source>
        <translation>已获取 %1 个模型：没有新模型。</translation>
    </message>
    <message>
        <source>Fetched %1 models: %2 new, added disabled.</source>
        <translation>已获取 %1 个模型：%2 个新模型，已以停用状态添加。</translation>
    </message>
    <message>
        <source>Save to keep the list.</source>
        <translation>保存以保留此列表。</translation>
    </message>
</context>
<context>
    <name>keel::ui::ProvidersPage</name>
    <message>
        <source>Custom (%1)</source>
        <translation>自定义（%1）</translation>
    </message>
    <message>
        <source>Keep keys in a private file (readable only by you)</source>
        <translation>将密钥保存在私有文件中（仅你可读取）</translation>
    </message>
    <message>
        <source>Where API keys are kept</source>
        <translation>API 密钥的保存位置</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Save or revert the changes to switch providers.</source>
        <translation>请先保存或撤销更改，再切换服务商。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a provider</source>
        <translation>添加服务商</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected provider</source>
        <translation>移除所选服务商</translation>
    </message>
    <message>
        <source>Confirm removing the provider</source>
        <translation>确认移除服务商</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Keep the provider</source>
        <translation>保留服务商</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>云端</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>Any server speaking one of the supported APIs</source>
        <translation>任何支持上述某种 API 的服务器</translation>
    </message>
    <message>
        <source>%1 · disabled</source>
        <translation>%1 · 已停用</translation>
    </message>
    <message>
        <source>%1 (its models are not offered)</source>
        <translation>%1（不提供其模型）</translation>
    </message>
    <message>
        <source>New provider</source>
        <translation>新服务商</translation>
    </message>
    <message>
        <source>%1 · not saved</source>
        <translation>%1 · 未保存</translation>
    </message>
    <message>
        <source>Remove “%1”? Its stored API key is deleted too.</source>
        <translation>要移除“%1”吗？其已保存的 API 密钥也会一并删除。</translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation>要移除“%1”吗？</translation>
    </message>
    <message>
        <source>No system keychain found. Keel cannot store API keys until a keychain service runs (GNOME Keyring, KWallet or another Secret Service); it never writes them in plain text unless you allow a private file.</source>
        <translation>未找到系统密钥环。在密钥环服务（GNOME Keyring、KWallet 或其他 Secret Service）运行之前，Keel 无法保存 API 密钥；除非你允许使用私有文件，否则 Keel 绝不会以明文形式写入密钥。</translation>
    </message>
    <message>
        <source>Keys are kept in %1 (mode 0600), not in a keychain. Only your user account can read the file, but it is not encrypted.</source>
        <translation>密钥保存在 %1（权限 0600）中，而不是密钥环中。只有你的用户账户可以读取该文件，但它未经加密。</translation>
    </message>
</context>
<context>
    <name>keel::ui::SearchResultDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Title matches</source>
        <translation>标题匹配</translation>
    </message>
</context>
<context>
    <name>keel::ui::SearchResultsModel</name>
    <message>
        <source>%1, title matches</source>
        <translation>%1，标题匹配</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>keel::ui::SecretField</name>
    <message>
        <source>Replace…</source>
        <translation>替换…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show what is typed</source>
        <translation>显示输入的内容</translation>
    </message>
    <message>
        <source>Show what is typed (a stored secret is never shown)</source>
        <translation>显示输入的内容（已存储的密钥永远不会显示）</translation>
    </message>
    <message>
        <source>Replace the stored secret</source>
        <translation>替换已存储的密钥</translation>
    </message>
    <message>
        <source>Remove the stored secret</source>
        <translation>移除已存储的密钥</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Type the new one: it replaces the stored one when saved.</source>
        <translation>输入新的密钥：保存后将替换已存储的密钥。</translation>
    </message>
</context>
<context>
    <name>keel::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <source>Close the settings</source>
        <translation>关闭设置</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Chat defaults</source>
        <translation>聊天默认设置</translation>
    </message>
    <message>
        <source>Assistants</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
</context>
<context>
    <name>keel::ui::Sidebar</name>
    <message>
        <source>New chat</source>
        <translation>新建聊天</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Conversations sidebar</source>
        <translation>对话侧边栏</translation>
    </message>
    <message>
        <source>New chat (%1)</source>
        <translation>新建聊天（%1）</translation>
    </message>
    <message>
        <source>Starts a new conversation (%1)</source>
        <translation>开始新对话（%1）</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>搜索聊天</translation>
    </message>
    <message>
        <source>Searches the titles and messages of all conversations. Esc clears the search.</source>
        <translation>搜索所有对话的标题和消息。按 Esc 清除搜索。</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配项</translation>
    </message>
    <message>
        <source>No conversations yet</source>
        <translation>暂无对话</translation>
    </message>
    <message>
        <source>Conversation deleted</source>
        <translation>对话已删除</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
</context>
<context>
    <name>keel::ui::StatusLine</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Waiting for first token…</source>
        <translation>正在等待第一个 token…</translation>
    </message>
    <message>
        <source>Streaming</source>
        <translation>正在流式传输</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>正在重试…</translation>
    </message>
    <message>
        <source>Starting tools…</source>
        <translation>正在启动工具…</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>等待批准</translation>
    </message>
    <message>
        <source>Running tool</source>
        <translation>正在运行工具</translation>
    </message>
    <message>
        <source>Retrying in %1 s</source>
        <translation>%1 秒后重试</translation>
    </message>
    <message>
        <source>Retrying now</source>
        <translation>正在重试</translation>
    </message>
    <message>
        <source>%1 (attempt %2 of %3)</source>
        <translation>%1（第 %2 次尝试，共 %3 次）</translation>
    </message>
    <message>
        <source>Running %1</source>
        <translation>正在运行 %1</translation>
    </message>
    <message>
        <source>Awaiting approval for %1</source>
        <translation>等待批准：%1</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 个 token</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>no data for %1 s</source>
        <translation>已 %1 秒未收到数据</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
</context>
<context>
    <name>keel::ui::ToolCard</name>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>允许一次</translation>
    </message>
    <message>
        <source>Always allow this tool</source>
        <translation>始终允许此工具</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Progress message</source>
        <translation>进度消息</translation>
    </message>
    <message>
        <source>Allow this call once</source>
        <translation>允许本次调用</translation>
    </message>
    <message>
        <source>Run this tool from now on without asking</source>
        <translation>今后运行此工具时不再询问</translation>
    </message>
    <message>
        <source>Deny this call</source>
        <translation>拒绝本次调用</translation>
    </message>
    <message>
        <source>The model is told that the call was denied</source>
        <translation>模型会收到调用被拒绝的通知</translation>
    </message>
    <message>
        <source>Tool call %1</source>
        <translation>工具调用 %1</translation>
    </message>
    <message>
        <source>No arguments</source>
        <translation>无参数</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>· built-in</source>
        <translation>· 内置</translation>
    </message>
    <message>
        <source>· %1</source>
        <translation>· %1</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>正在运行</translation>
    </message>
    <message>
        <source>Waiting for your approval</source>
        <translation>等待你的批准</translation>
    </message>
    <message>
        <source>Running… %1</source>
        <translation>正在运行… %1</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Error · %1</source>
        <translation>错误 · %1</translation>
    </message>
    <message>
        <source>Done · %1</source>
        <translation>完成 · %1</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Shows or hides the details of this tool call</source>
        <translation>显示或隐藏此工具调用的详细信息</translation>
    </message>
    <message>
        <source>Tool call %1: %2</source>
        <translation>工具调用 %1：%2</translation>
    </message>
</context>
<context>
    <name>keel::ui::ToolResultView</name>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>[audio, %1]</source>
        <translation>[音频，%1]</translation>
    </message>
    <message>
        <source>[resource, %1]</source>
        <translation>[资源，%1]</translation>
    </message>
    <message>
        <source>[resource, %1, %2]</source>
        <translation>[资源，%1，%2]</translation>
    </message>
    <message>
        <source>Show all (%1 characters)</source>
        <translation>全部显示（%1 个字符）</translation>
    </message>
    <message>
        <source>Show the whole result</source>
        <translation>显示完整结果</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>[image, %1]</source>
        <translation>[图片，%1]</translation>
    </message>
    <message>
        <source>[image, %1: could not be shown]</source>
        <translation>[图片，%1：无法显示]</translation>
    </message>
    <message>
        <source>Image result</source>
        <translation>图片结果</translation>
    </message>
    <message>
        <source>Image, %1</source>
        <translation>图片，%1</translation>
    </message>
    <message>
        <source>Error text</source>
        <translation>错误文本</translation>
    </message>
    <message>
        <source>Result text</source>
        <translation>结果文本</translation>
    </message>
</context>
<context>
    <name>keel::ui::ToolTable</name>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Offered to models</source>
        <translation>提供给模型</translation>
    </message>
    <message>
        <source>Offer %1 to models</source>
        <translation>将 %1 提供给模型</translation>
    </message>
    <message>
        <source>Approval for %1</source>
        <translation>%1 的批准方式</translation>
    </message>
    <message>
        <source>Ask each time</source>
        <translation>每次询问</translation>
    </message>
    <message>
        <source>Always allow</source>
        <translation>始终允许</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>keel::ui::ToolsPage</name>
    <message>
        <source>MCP servers and built-in tools</source>
        <translation>MCP 服务器和内置工具</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation>MCP 服务器</translation>
    </message>
    <message>
        <source>Built-in tools</source>
        <translation>内置工具</translation>
    </message>
    <message>
        <source>Some entries of mcp.json are not used (they stay in the file):
%1</source>
        <translation>mcp.json 中的部分条目未被使用（它们仍保留在文件中）：
%1</translation>
    </message>
    <message>
        <source>Offer tools to models</source>
        <translation>向模型提供工具</translation>
    </message>
    <message>
        <source>Off: no tool is sent with a request, so models answer from what they know</source>
        <translation>关闭时：请求中不附带任何工具，模型仅凭自身知识作答</translation>
    </message>
    <message>
        <source>Step limit: model calls in one reply</source>
        <translation>步数上限：一次回复中调用模型的次数</translation>
    </message>
    <message>
        <source>How many times a reply may call the model, the first call included; a reply that uses tools calls it once more after them</source>
        <translation>一次回复最多可调用模型的次数（包括第一次调用）；使用了工具的回复会在工具运行后再调用一次模型</translation>
    </message>
    <message>
        <source>&amp;Step limit:</source>
        <translation>步数上限(&amp;S)：</translation>
    </message>
    <message>
        <source>Time limit per tool call in seconds, 0 for none</source>
        <translation>每次工具调用的时间上限（秒），0 表示不限</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Long tool calls are normal; with no limit you stop one with Stop</source>
        <translation>工具调用耗时较长属于正常现象；不设上限时，可用“停止”来终止调用</translation>
    </message>
    <message>
        <source>&amp;Time limit per call:</source>
        <translation>每次调用的时间上限(&amp;T)：</translation>
    </message>
    <message>
        <source>Paste the &quot;mcpServers&quot; snippet from a server&apos;s README:</source>
        <translation>粘贴服务器 README 中的 &quot;mcpServers&quot; 片段：</translation>
    </message>
    <message>
        <source>MCP server configuration as JSON</source>
        <translation>JSON 格式的 MCP 服务器配置</translation>
    </message>
    <message>
        <source>Add servers</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Add the servers of the pasted JSON</source>
        <translation>添加所粘贴 JSON 中的服务器</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close the JSON box</source>
        <translation>关闭 JSON 输入框</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add an MCP server</source>
        <translation>添加 MCP 服务器</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected MCP server</source>
        <translation>移除所选的 MCP 服务器</translation>
    </message>
    <message>
        <source>Add from JSON…</source>
        <translation>从 JSON 添加…</translation>
    </message>
    <message>
        <source>Add servers from a pasted JSON snippet</source>
        <translation>从粘贴的 JSON 片段添加服务器</translation>
    </message>
    <message>
        <source>Import Claude Desktop config…</source>
        <translation>导入 Claude Desktop 配置…</translation>
    </message>
    <message>
        <source>Import the servers of a Claude Desktop configuration file</source>
        <translation>导入 Claude Desktop 配置文件中的服务器</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>服务器状态</translation>
    </message>
    <message>
        <source>Check server</source>
        <translation>检查服务器</translation>
    </message>
    <message>
        <source>Start the server and list its tools</source>
        <translation>启动服务器并列出其工具</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>打开日志</translation>
    </message>
    <message>
        <source>Open the server&apos;s log file</source>
        <translation>打开服务器的日志文件</translation>
    </message>
    <message>
        <source>Tools of the selected server</source>
        <translation>所选服务器的工具</translation>
    </message>
    <message>
        <source>Tools that come with Keel. Like every tool, each asks before it runs unless you choose otherwise.</source>
        <translation>Keel 自带的工具。与所有工具一样，每个工具在运行前都会先征求你的同意，除非你另行设置。</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Drop the unsaved changes</source>
        <translation>放弃未保存的更改</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Save the tool settings</source>
        <translation>保存工具设置</translation>
    </message>
    <message>
        <source>Server %1 has no name.</source>
        <translation>服务器 %1 没有名称。</translation>
    </message>
    <message>
        <source>“%1”: enter the command that starts it.</source>
        <translation>“%1”：请输入启动它的命令。</translation>
    </message>
    <message>
        <source>Two servers are called “%1”: give each its own name.</source>
        <translation>有两个服务器都叫“%1”：请为它们分别命名。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>1 tool</source>
        <translation>1 个工具</translation>
    </message>
    <message>
        <source>%1 tools</source>
        <translation>%1 个工具</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>No server in it can be used.</source>
        <translation>其中没有可用的服务器。</translation>
    </message>
    <message>
        <source>the pasted JSON</source>
        <translation>粘贴的 JSON</translation>
    </message>
    <message>
        <source>Import MCP servers</source>
        <translation>导入 MCP 服务器</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Could not read %1: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>Nothing imported from %1: %2</source>
        <translation>未从 %1 导入任何内容：%2</translation>
    </message>
    <message>
        <source>No server in %1 can be used.</source>
        <translation>%1 中没有可用的服务器。</translation>
    </message>
    <message>
        <source>Added from %1: %2.</source>
        <translation>已从 %1 添加：%2。</translation>
    </message>
    <message>
        <source>Replaced from %1: %2.</source>
        <translation>已从 %1 替换：%2。</translation>
    </message>
    <message>
        <source>Already set up the same way: %1.</source>
        <translation>已有相同的设置：%1。</translation>
    </message>
    <message>
        <source>Press Apply to keep the changes.</source>
        <translation>按“应用”以保留更改。</translation>
    </message>
    <message>
        <source>Not used: %1</source>
        <translation>未使用：%1</translation>
    </message>
    <message>
        <source>Checking: starting the server and listing its tools…</source>
        <translation>正在检查：启动服务器并列出其工具…</translation>
    </message>
    <message>
        <source>Not checked yet: Check server starts it and lists its tools.</source>
        <translation>尚未检查：点击“检查服务器”将启动服务器并列出其工具。</translation>
    </message>
    <message>
        <source>there is no such file</source>
        <translation>文件不存在</translation>
    </message>
</context>
<context>
    <name>keel::ui::TranscriptView</name>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Ask anything. Enter sends, Shift+Enter starts a new line.</source>
        <translation>有问题尽管问。按 Enter 发送，按 Shift+Enter 换行。</translation>
    </message>
    <message>
        <source>Jump to latest ↓</source>
        <translation>跳到最新 ↓</translation>
    </message>
    <message>
        <source>Jump to the latest message</source>
        <translation>跳到最新消息</translation>
    </message>
    <message>
        <source>Scroll to the end and follow the reply</source>
        <translation>滚动到末尾并跟随回复</translation>
    </message>
</context>
<context>
    <name>keel::ui::TransferController</name>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>导出对话(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;all…</source>
        <translation>全部导出(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Exporting “%1”…</source>
        <translation>正在导出“%1”…</translation>
    </message>
    <message>
        <source>Exporting conversations…</source>
        <translation>正在导出对话…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exporting conversations… %1 of %2</source>
        <translation>正在导出对话… 第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>Exported 1 conversation to %1</source>
        <translation>已将 1 个对话导出到 %1</translation>
    </message>
    <message>
        <source>Exported %1 conversations to %2</source>
        <translation>已将 %1 个对话导出到 %2</translation>
    </message>
    <message>
        <source>Exported “%1” to %2</source>
        <translation>已将“%1”导出到 %2</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Importing conversations…</source>
        <translation>正在导入对话…</translation>
    </message>
    <message>
        <source>Importing conversations… %1 of %2</source>
        <translation>正在导入对话… 第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>The history could not be written.</source>
        <translation>无法写入历史记录。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>Imported %1 (%2) from %3</source>
        <translation>已从 %3 导入 %1（%2）</translation>
    </message>
    <message>
        <source>; skipped %1 already imported</source>
        <translation>；跳过了 %1 个已导入的对话</translation>
    </message>
    <message>
        <source>; replaced %1 imported before</source>
        <translation>；替换了 %1 个之前导入的对话</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Export and import</source>
        <translation>导出和导入</translation>
    </message>
    <message>
        <source>Export or import failed</source>
        <translation>导出或导入失败</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>keel::ui::TransferFileDialogs</name>
    <message>
        <source>%1 (*.%2)</source>
        <translation>%1 (*.%2)</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Export all conversations</source>
        <translation>导出所有对话</translation>
    </message>
    <message>
        <source>Keel conversations %1.json</source>
        <translation>Keel 对话 %1.json</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Choose the folder to export into</source>
        <translation>选择要导出到的文件夹</translation>
    </message>
    <message>
        <source>Keel conversations %1</source>
        <translation>Keel 对话 %1</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>keel::ui::UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>Brings the deleted conversation back</source>
        <translation>恢复已删除的对话</translation>
    </message>
</context>
<context>
    <name>keel::ui::WindowSettings</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>New chat from &amp;assistant</source>
        <translation>从助手新建聊天(&amp;A)</translation>
    </message>
    <message>
        <source>Manage assistants…</source>
        <translation>管理助手…</translation>
    </message>
</context>
</TS>
