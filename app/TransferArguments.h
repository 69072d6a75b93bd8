// TransferArguments: the words and flags of `keel export` and `keel import` (AppOptions keeps
// the rest of the command line), and their part of the help text.
#pragma once

#include "AppOptions.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace keel::app {

// The export and import flags as QCommandLineParser found them.
struct TransferFlags {
    bool all = false; // --all
    QString format{}; // --format F ("" = not given)
    bool formatSet = false;
    QString output{}; // -o / --output PATH
    bool outputSet = false;
    bool replace = false; // --replace
};

// --all, --format, -o / --output and --replace, for the parser.
QList<QCommandLineOption> transferOptions();
// What the parser found of them.
TransferFlags parsedTransferFlags(const QCommandLineParser& parser);

// Fills options from positional ("export ..." or "import ...") and flags. Returns the usage
// error (one line) when they do not make a command, else "".
QString parseTransferCommand(const QStringList& positional, const TransferFlags& flags,
                             AppOptions* options);

// The flags above that only export or import take, given to another command: the error, or "".
QString misplacedTransferFlag(Mode mode, const TransferFlags& flags);

// The "Commands:" lines of export and import.
QString transferHelpText();

} // namespace keel::app
