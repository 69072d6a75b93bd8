// BuiltinTools: current_time and fetch_url, each an asynchronous ToolInvocation on the core loop.
#include "tools/BuiltinTools.h"

#include "net/CurlMulti.h"
#include "net/TransferSink.h"
#include "tools/ToolInvocation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>

#include <nlohmann/json.hpp>
#include <optional>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct BuiltinToolsText {
    Q_DECLARE_TR_FUNCTIONS(BuiltinTools)
};

using json = nlohmann::json;

constexpr auto kCurrentTime = "current_time";
constexpr auto kFetchUrl = "fetch_url";

json parseArguments(const QString& arguments)
{
    json parsed = json::parse(arguments.toStdString(), nullptr, false);
    return parsed.is_object() ? parsed : json::object();
}

QString stringArgument(const json& arguments, const char* key)
{
    const auto it = arguments.find(key);
    return it != arguments.end() && it->is_string()
               ? QString::fromStdString(it->get_ref<const std::string&>())
               : QString();
}

ToolResult textResult(const QString& text)
{
    ToolResult result;
    result.content.append({ToolContent::Kind::Text, text, {}, {}, {}});
    return result;
}

ToolResult currentTime(const json& arguments)
{
    const QString zoneName = stringArgument(arguments, "timezone");
    QTimeZone zone = QTimeZone::systemTimeZone();
    if (!zoneName.isEmpty()) {
        zone = QTimeZone(zoneName.toUtf8());
        if (!zone.isValid())
            return ToolResult::error(
                BuiltinToolsText::tr("Unknown time zone \"%1\"; use an IANA name such as "
                                     "\"Europe/Paris\", or leave it out for the user's own.")
                    .arg(zoneName));
    }
    const QDateTime now = QDateTime::currentDateTime().toTimeZone(zone);
    const QLocale c = QLocale::c();
    return textResult(QStringLiteral("%1 (%2, %3)")
                          .arg(now.toString(Qt::ISODate),
                               c.toString(now, QStringLiteral("dddd d MMMM yyyy, HH:mm:ss")),
                               QString::fromUtf8(zone.id())));
}

bool isTextType(const QByteArray& contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type.isEmpty() || type.startsWith("text/") || type.endsWith("/json")
           || type.endsWith("+json") || type.endsWith("/xml") || type.endsWith("+xml")
           || type == "application/javascript" || type == "application/x-yaml";
}

// A page's readable text: scripts, styles and tags dropped, common entities decoded. Crude on
// purpose: the model reads it, and nothing here renders or runs it.
QString htmlToText(QString html)
{
    static const QRegularExpression hidden(
        QStringLiteral("<(script|style|noscript|template)\\b[^>]*>.*?</\\1\\s*>"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression breaks(
        QStringLiteral("<(br|/p|/div|/li|/h[1-6]|/tr|/title)\\b[^>]*>"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    static const QRegularExpression blankLines(QStringLiteral("\\n[ \\t]*\\n([ \\t]*\\n)+"));
    html.remove(hidden);
    html.replace(breaks, QStringLiteral("\n"));
    html.remove(tags);
    html.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "))
        .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
        .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
        .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
        .replace(QStringLiteral("&#39;"), QStringLiteral("'"))
        .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    html.replace(blankLines, QStringLiteral("\n\n"));
    return html.trimmed();
}

class FetchUrlInvocation : public ToolInvocation, private TransferSink {
public:
    FetchUrlInvocation(const QUrl& url, CurlMulti& curl, QObject* parent)
        : ToolInvocation(parent)
        , m_url(url)
        , m_curl(curl)
    {
        HttpRequest request;
        request.method = "GET";
        request.url = url.toString();
        request.headers = {{"User-Agent", "Keel (fetch_url tool)"},
                           {"Accept", "text/html, text/plain, application/json, */*;q=0.5"}};
        request.connectTimeoutMs = 20'000;
        request.idleTimeoutMs = 60'000;
        // Started on the next loop turn: a sink must not finish inside start().
        QTimer::singleShot(0, this, [this, request] { m_transfer = m_curl.start(request, this); });
    }
    ~FetchUrlInvocation() override
    {
        if (m_transfer)
            m_curl.release(*m_transfer);
    }
    void cancel(const QString& reason) override
    {
        if (m_done)
            return;
        m_cancelReason = reason;
        if (m_transfer)
            m_curl.cancel(*m_transfer); // -> onFinished(Cancelled)
        else
            done(ToolResult::error(reason));
    }

private:
    void onResponseHead(const HttpResponseHead& head) override { m_head = head; }
    bool onBody(QByteArrayView bytes) override
    {
        if (!isTextType(m_head.header("content-type")))
            return false;
        const qint64 room = kFetchUrlMaxBytes - m_body.size();
        m_body.append(bytes.first(std::min<qint64>(room, bytes.size())));
        m_truncated = bytes.size() > room;
        return !m_truncated;
    }
    void onFinished(const TransferOutcome& outcome) override
    {
        m_transfer.reset();
        if (outcome.status == TransferStatus::Cancelled) {
            done(ToolResult::error(m_cancelReason));
            return;
        }
        const QByteArray contentType = m_head.header("content-type");
        if (outcome.status == TransferStatus::Aborted && !isTextType(contentType)) {
            done(ToolResult::error(
                BuiltinToolsText::tr(
                    "%1 is not text (Content-Type: %2); fetch_url reads text only.")
                    .arg(m_url.toString(), QString::fromLatin1(contentType))));
            return;
        }
        if (outcome.status != TransferStatus::Ok
            && !(outcome.status == TransferStatus::Aborted && m_truncated)) {
            done(ToolResult::error(BuiltinToolsText::tr("Fetching %1 failed: %2")
                                       .arg(m_url.toString(), outcome.message)));
            return;
        }
        QString text = QString::fromUtf8(m_body);
        if (contentType.toLower().contains("html"))
            text = htmlToText(text);
        QString header = QStringLiteral("URL: %1\nStatus: %2\nContent-Type: %3\n")
                             .arg(m_url.toString())
                             .arg(m_head.status)
                             .arg(QString::fromLatin1(contentType));
        const QByteArray location = m_head.header("location");
        if (m_head.status >= 300 && m_head.status < 400 && !location.isEmpty())
            header += QStringLiteral("Redirected to: %1 (fetch that URL to follow)\n")
                          .arg(m_url.resolved(QUrl(QString::fromUtf8(location))).toString());
        if (m_truncated)
            header += QStringLiteral("Note: only the first %1 KB were read.\n")
                          .arg(kFetchUrlMaxBytes / 1024);
        ToolResult result = textResult(header + QLatin1Char('\n') + text);
        result.isError = m_head.status >= 400;
        done(std::move(result));
    }
    void done(ToolResult result)
    {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT finished(result);
    }

    QUrl m_url;
    CurlMulti& m_curl;
    std::optional<TransferId> m_transfer;
    HttpResponseHead m_head;
    QByteArray m_body;
    bool m_truncated = false;
    bool m_done = false;
    QString m_cancelReason;
};

} // namespace

QList<ToolSpec> builtinToolSpecs()
{
    ToolSpec time;
    time.name = time.toolName = QString::fromLatin1(kCurrentTime);
    time.title = BuiltinToolsText::tr("Current date and time");
    time.description = QStringLiteral(
        "The current local date, time, weekday and time zone of the user, or of the IANA time "
        "zone given.");
    time.inputSchema = QStringLiteral(
        R"({"type":"object","properties":{"timezone":{"type":"string","description":"IANA time zone, e.g. Europe/Paris; omit for the user's own"}}})");
    time.server = builtinServerName();

    ToolSpec fetch;
    fetch.name = fetch.toolName = QString::fromLatin1(kFetchUrl);
    fetch.title = BuiltinToolsText::tr("Fetch a web page");
    fetch.description = QStringLiteral(
        "Fetches an http or https URL and returns its text (HTML reduced to text), at most "
        "512 KB. Does not follow redirects: it reports them.");
    fetch.inputSchema = QStringLiteral(
        R"({"type":"object","properties":{"url":{"type":"string","description":"The http or https URL to fetch"}},"required":["url"]})");
    fetch.server = builtinServerName();
    return {time, fetch};
}

ToolInvocation* invokeBuiltinTool(const ToolSpec& spec, const ToolCall& call, CurlMulti& curl,
                                  QObject* parent)
{
    const json arguments = parseArguments(call.arguments);
    if (spec.toolName == QLatin1String(kCurrentTime))
        return new ImmediateInvocation(currentTime(arguments), parent);
    if (spec.toolName != QLatin1String(kFetchUrl))
        return nullptr;
    const QUrl url(stringArgument(arguments, "url"), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != "http" && scheme != "https"))
        return new ImmediateInvocation(
            ToolResult::error(BuiltinToolsText::tr("fetch_url needs an absolute http or https URL, "
                                                   "got \"%1\".")
                                  .arg(stringArgument(arguments, "url"))),
            parent);
    return new FetchUrlInvocation(url, curl, parent);
}

} // namespace keel::core
