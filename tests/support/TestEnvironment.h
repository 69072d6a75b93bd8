// TestEnvironment: the environment every child process of the tests and benchmarks starts from:
// the caller's, without the user's provider keys, base URLs, model or proxies, so that nothing a
// test runs can reach a real provider or go through a proxy. Callers add what their child needs.
#pragma once

#include <QProcessEnvironment>

namespace keel::test {

inline QProcessEnvironment environmentWithoutUserProviders()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY",
          "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "OLLAMA_HOST", "KEEL_MODEL", "http_proxy",
          "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"})
        env.remove(QString::fromLatin1(name));
    return env;
}

} // namespace keel::test
