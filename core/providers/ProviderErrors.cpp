#include "providers/ProviderErrors.h"

#include "providers/ModelCapabilities.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringDecoder>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace keel::core {

namespace {

using nlohmann::json;

// The translation context of the messages below: free functions have no tr() of their own.
struct ProviderErrorsText {
    Q_DECLARE_TR_FUNCTIONS(ProviderErrors)
};

// Provider messages are shown in one line of the chat; anything longer is noise or a stack trace.
constexpr qsizetype maxMessageChars = 600;
constexpr qsizetype maxSnippetChars = 300;

QString oneLine(QString text, qsizetype maxChars)
{
    text = text.simplified();
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text = text.trimmed() + QChar(0x2026); // …
    }
    return text;
}

const json* member(const json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

QString stringOf(const json* value)
{
    if (!value)
        return {};
    if (const auto* text = value->get_ptr<const json::string_t*>())
        return QString::fromUtf8(text->data(), static_cast<qsizetype>(text->size()));
    return {};
}

// FastAPI-style validation errors: {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}.
QString detailMessage(const json& detail)
{
    if (detail.is_string())
        return stringOf(&detail);
    if (detail.is_object())
        return stringOf(member(detail, "msg")).isEmpty() ? stringOf(member(detail, "message"))
                                                         : stringOf(member(detail, "msg"));
    if (!detail.is_array())
        return {};
    QStringList parts;
    for (const json& item : detail) {
        const QString part = detailMessage(item);
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(QStringLiteral("; "));
}

QString messageFromJson(const json& root)
{
    // Gemini wraps its error object in an array.
    if (root.is_array())
        return root.empty() ? QString() : messageFromJson(root.front());
    if (root.is_string())
        return stringOf(&root);

    if (const json* error = member(root, "error")) {
        if (error->is_string())
            return stringOf(error);
        QString message = stringOf(member(*error, "message"));
        if (message.isEmpty())
            message = stringOf(member(*error, "type"));
        if (message.isEmpty())
            message = stringOf(member(*error, "code"));
        if (!message.isEmpty())
            return message;
    }
    if (QString message = stringOf(member(root, "message")); !message.isEmpty())
        return message;
    if (const json* detail = member(root, "detail"))
        return detailMessage(*detail);
    return {};
}

bool looksLikeHtml(QByteArrayView body)
{
    const QByteArray head = body.first(qMin<qsizetype>(body.size(), 1024)).toByteArray().toLower();
    return head.contains("<html") || head.contains("<!doctype") || head.contains("<body");
}

// Text we can show, or nothing for binary junk (invalid UTF-8, control characters).
std::optional<QString> decodeText(QByteArrayView body)
{
    // Stateful decoding: a body truncated inside a multi-byte character is still text.
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(body);
    if (decoder.hasError())
        return std::nullopt;
    for (const QChar c : std::as_const(text)) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t')
            return std::nullopt;
    }
    return text;
}

// Some servers answer an error with an SSE body even though the status is not 2xx.
QByteArrayView stripSseDataPrefix(QByteArrayView body)
{
    if (!body.startsWith("data:"))
        return body;
    body = body.sliced(5);
    const qsizetype end = body.indexOf('\n');
    return (end < 0 ? body : body.first(end)).trimmed();
}

bool endsWithPunctuation(const QString& text)
{
    if (text.isEmpty())
        return false;
    const QChar last = text.back();
    return last == u'.' || last == u'!' || last == u'?' || last == QChar(0x2026);
}

QString withoutFinalPeriod(QString text)
{
    while (text.endsWith(u'.'))
        text.chop(1);
    return text;
}

QString asSentence(const QString& text)
{
    return endsWithPunctuation(text) ? text : text + u'.';
}

// Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
std::optional<qint64> retryAfterSeconds(const QByteArray& value)
{
    // Anything longer is "not soon": clamping keeps the arithmetic in range for absurd values.
    constexpr double kMaxSeconds = 365.0 * 24 * 3600;
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = trimmed.toDouble(&ok);
    if (ok && std::isfinite(seconds) && seconds >= 0)
        return static_cast<qint64>(std::ceil(std::min(seconds, kMaxSeconds)));
    // HTTP-dates always end in "GMT", a zone name Qt's RFC 2822 parser does not accept.
    QString date = QString::fromLatin1(trimmed);
    if (date.endsWith(QLatin1String(" GMT"), Qt::CaseInsensitive)
        || date.endsWith(QLatin1String(" UTC"), Qt::CaseInsensitive)) {
        date.chop(4);
        date += QLatin1String(" +0000");
    }
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return std::clamp<qint64>(QDateTime::currentDateTimeUtc().secsTo(when), 0,
                              static_cast<qint64>(kMaxSeconds));
}

bool isRetryableStatus(int status)
{
    switch (status) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
    case 529:
        return true;
    default:
        return false;
    }
}

// OpenAI answers an exhausted balance with 429 too; waiting does not refill it.
bool isQuotaExhausted(const QByteArray& body)
{
    return body.contains("insufficient_quota");
}

// Servers sometimes echo the credential (e.g. "invalid key: sk-..."); it must not reach the UI,
// logs or exports. Keys shorter than 4 characters are placeholders ("x", "-") that would mangle
// every message if redacted.
QString redactKey(QString text, const QString& apiKey)
{
    if (apiKey.size() >= 4)
        text.replace(apiKey, QStringLiteral("[redacted]"));
    return text;
}

} // namespace

ErrorKind errorKindForStatus(int status)
{
    if (status <= 0)
        return ErrorKind::Network;
    if (status == 401 || status == 403)
        return ErrorKind::Auth;
    if (status == 429)
        return ErrorKind::RateLimit;
    // 408: the server gave up waiting for us; nothing is wrong with the request, so it is
    // grouped with the transient server-side failures that a retry can fix.
    if (status == 408 || status >= 500)
        return ErrorKind::ServerError;
    return ErrorKind::InvalidRequest;
}

QString providerMessageFromBody(const QByteArray& body)
{
    const QByteArrayView payload = stripSseDataPrefix(QByteArrayView(body).trimmed());
    if (payload.isEmpty())
        return {};

    const json root = json::parse(payload.begin(), payload.end(), nullptr, false);
    if (!root.is_discarded()) {
        const QString message = messageFromJson(root);
        if (!message.isEmpty())
            return oneLine(message, maxMessageChars);
        // Valid JSON of an unknown shape: the raw text is still better than nothing.
    }

    if (looksLikeHtml(payload))
        return {};
    const std::optional<QString> text = decodeText(payload);
    if (!text)
        return {};
    return oneLine(text->left(maxSnippetChars * 2), maxSnippetChars);
}

TurnError httpError(const HttpResponseHead& head, const QByteArray& body,
                    const ProviderConfig& config)
{
    const int status = head.status;
    const QString message = redactKey(providerMessageFromBody(body), config.apiKey);

    TurnError error;
    error.kind = errorKindForStatus(status);
    error.httpStatus = status;
    error.retryable = isRetryableStatus(status);
    if (const auto seconds = retryAfterSeconds(head.header("retry-after")))
        error.retryAfterMs = *seconds * 1000;

    if (status == 407) {
        // Only a proxy answers 407: the provider never saw the request, and its key is not the
        // problem.
        error.kind = ErrorKind::Auth;
        error.retryable = false;
        error.message = ProviderErrorsText::tr(
            "The proxy refused the request: it wants a user name and password it did not get or "
            "did not accept (HTTP 407). Check the proxy in the network settings.");
        return error;
    }

    const QString detail = message.isEmpty() ? QString() : QStringLiteral(": ") + message;
    switch (error.kind) {
    case ErrorKind::Auth: {
        const QString source = config.apiKeySource.isEmpty()
                                   ? ProviderErrorsText::tr("the API key setting")
                                   : config.apiKeySource;
        // 401: the key is missing or wrong. 403: the key was accepted but may not do this (a
        // model it has no access to, a region the provider does not serve).
        const bool forbidden = status == 403;
        const QString hint =
            config.apiKey.isEmpty()
                ? ProviderErrorsText::tr("No API key was sent; set one in %1.").arg(source)
            : forbidden ? ProviderErrorsText::tr("Check that the API key in %1 may use this model.")
                              .arg(source)
                        : ProviderErrorsText::tr("Check the API key in %1.").arg(source);
        // Whole sentences per case: "Access denied" and its placeholder order differ by language.
        if (message.isEmpty())
            error.message = forbidden
                                ? ProviderErrorsText::tr("Access denied (HTTP %1). %2")
                                      .arg(QString::number(status), hint)
                                : ProviderErrorsText::tr("Authentication failed (HTTP %1). %2")
                                      .arg(QString::number(status), hint);
        else
            error.message = forbidden ? ProviderErrorsText::tr("Access denied: %1. %2")
                                            .arg(withoutFinalPeriod(message), hint)
                                      : ProviderErrorsText::tr("Authentication failed: %1. %2")
                                            .arg(withoutFinalPeriod(message), hint);
        break;
    }
    case ErrorKind::RateLimit: {
        if (isQuotaExhausted(body))
            error.retryable = false;
        error.message =
            message.isEmpty()
                ? ProviderErrorsText::tr("Rate limited by the provider (HTTP %1).").arg(status)
                : ProviderErrorsText::tr("Rate limited by the provider: %1").arg(message);
        if (const auto seconds = retryAfterSeconds(head.header("retry-after"))) {
            error.message = asSentence(error.message) + u' '
                            + ProviderErrorsText::tr("Retry after %1 s.").arg(*seconds);
        }
        break;
    }
    case ErrorKind::ServerError:
        error.message =
            status == 408 ? ProviderErrorsText::tr(
                                "The provider timed out waiting for the request (HTTP 408)%1")
                                .arg(detail)
            // Anthropic's "overloaded": busy, not broken, and worth another try in a moment.
            : status == 529
                ? ProviderErrorsText::tr("The provider is overloaded (HTTP 529)%1").arg(detail)
                : ProviderErrorsText::tr("The provider had a server error (HTTP %1)%2")
                      .arg(status)
                      .arg(detail);
        break;
    default:
        if (status == 404) {
            error.message =
                message.isEmpty()
                    ? ProviderErrorsText::tr(
                          "Not found (HTTP 404). Check the base URL (%1) and the model name.")
                          .arg(config.baseUrl)
                    : ProviderErrorsText::tr("Not found (HTTP 404): %1").arg(message);
        } else if (status == 413) {
            // Long conversations and big attachments are what make a request too large.
            error.message =
                ProviderErrorsText::tr("The request is too large for the provider (HTTP 413)%1%2")
                    .arg(detail, endsWithPunctuation(message) ? QString() : QStringLiteral("."))
                + u' ' + ProviderErrorsText::tr("Shorten the conversation or remove attachments.");
        } else {
            error.message = ProviderErrorsText::tr("The request was refused (HTTP %1)%2")
                                .arg(status)
                                .arg(detail);
        }
        break;
    }
    if (message.isEmpty() && !endsWithPunctuation(error.message))
        error.message += u'.';
    error.message = redactKey(error.message, config.apiKey);
    return error;
}

bool isImageRefusal(const TurnError& error)
{
    if (error.httpStatus != 400 && error.httpStatus != 415 && error.httpStatus != 422)
        return false;
    const QString text = error.message.toLower();
    // The model reads images, this one is just too large for the provider.
    for (const char* word : {"exceeds", "too large", "too big", "maximum"}) {
        if (text.contains(QLatin1String(word)))
            return false;
    }
    for (const char* word : {"image", "vision", "multimodal", "multi-modal"}) {
        if (text.contains(QLatin1String(word)))
            return true;
    }
    // "does not support tools" is about the tools the request offered, not its images.
    return text.contains(QLatin1String("does not support")) && !text.contains(QLatin1String("tool"))
           && !text.contains(QLatin1String("function"));
}

TurnError withImageRefusal(TurnError error, const QString& providerKind, const QString& model,
                           bool requestHadImages)
{
    // A model known to read images was refused for something else about them (a broken file).
    if (!requestHadImages || !isImageRefusal(error)
        || acceptsImages(providerKind, model).value_or(false))
        return error;
    error.message = imagesNotAcceptedMessage(model) + u' ' + error.message;
    error.retryable = false;
    return error;
}

} // namespace keel::core
