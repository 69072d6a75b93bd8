// ImportTestSupport: what the ChatGPT and Claude importer tests share: the export-shaped files of
// tests/data/transfer, a converter call that reports its error, and views of a tree by content.
#pragma once

#include "store/ConversationTree.h"

#include <QFile>
#include <QStringList>
#include <QTest>

#include <nlohmann/json.hpp>
#include <optional>

namespace keel::test {

// A file of tests/data/transfer parsed (a discarded value when missing or not JSON).
// QFINDTESTDATA resolves relative to the including test's source file.
#define KEEL_IMPORT_TEST_FILE(name) QFINDTESTDATA(QStringLiteral("../data/transfer/") + (name))

inline nlohmann::json loadJsonFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return nlohmann::json();
    const QByteArray bytes = file.readAll();
    return nlohmann::json::parse(bytes.cbegin(), bytes.cend(), nullptr, false);
}

// converter(element, error, warnings) as the importers declare it; an empty tree (and a
// warning in the log) when it fails.
template <typename Converter>
core::ConversationTree convertWith(Converter converter, const nlohmann::json& element,
                                   QStringList* warningsOut = nullptr)
{
    QString error;
    QStringList warnings;
    const std::optional<core::ConversationTree> tree = converter(element, error, warnings);
    if (warningsOut)
        *warningsOut = warnings;
    if (!tree) {
        qWarning("conversion failed: %s", qPrintable(error));
        return {};
    }
    return *tree;
}

inline const core::StoredMessage* byContent(const core::ConversationTree& tree,
                                            const QString& content)
{
    for (const core::StoredMessage& message : tree.messages)
        if (message.content == content)
            return &message;
    return nullptr;
}

inline QStringList contents(const QList<core::StoredMessage>& messages)
{
    QStringList out;
    for (const core::StoredMessage& message : messages)
        out << message.content;
    return out;
}

// The children of parentId in tree order, by content.
inline QStringList childrenOf(const core::ConversationTree& tree, qint64 parentId)
{
    QStringList out;
    for (const core::StoredMessage& message : tree.messages)
        if (message.parentId == parentId)
            out << message.content;
    return out;
}

} // namespace keel::test
