// MessageDetails: the per-reply details behind a reply's Details action: the model, tokens in and
// out, the time to the first token, the speed (output tokens over the time spent writing, i.e.
// after the first token) and when it was written. Unknown values show as "—". Pure formatting,
// so it can be tested without widgets.
#pragma once

#include "core/store/StoreTypes.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace keel::ui {

class MessageDetails {
    Q_DECLARE_TR_FUNCTIONS(keel::ui::MessageDetails)
public:
    struct Row {
        QString label{};
        QString value{};
    };

    // Label and value per line, in display order.
    static QList<Row> rows(const core::StoredMessage& message);
    // The rows as "Label: value" lines.
    static QString text(const core::StoredMessage& message);

    // Output tokens per second of writing, or a negative value when it cannot be known.
    static double tokensPerSecond(const core::StoredMessage& message);

    // "—": a value that is not known.
    static QString unknown();
};

} // namespace keel::ui
