// TransferArguments: one usage line per command, so a mistake is answered with the whole form.
#include "TransferArguments.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace keel::app {

namespace {

struct TransferArgumentsText {
    Q_DECLARE_TR_FUNCTIONS(TransferArguments)
};

// Functions, not constants: a text made before the translator is installed stays English.
QString exportUsage()
{
    return TransferArgumentsText::tr(
        "Usage: keel export ID -o FILE [--format md|json|html|pdf|txt] | export --all -o PATH "
        "[--format F]");
}

QString importUsage()
{
    return TransferArgumentsText::tr("Usage: keel import FILE [--replace] [--json]");
}

QString parseExport(const QStringList& positional, const TransferFlags& flags, AppOptions* options)
{
    if (flags.all && positional.size() == 1) {
        options->exportAll = true;
    } else if (!flags.all && positional.size() == 2) {
        bool ok = false;
        options->exportConversationId = positional[1].toLongLong(&ok);
        if (!ok || options->exportConversationId <= 0)
            return TransferArgumentsText::tr(
                "export needs a conversation ID (a number, see keel history "
                "list) or --all.");
    } else {
        return exportUsage();
    }
    if (!flags.outputSet || flags.output.isEmpty())
        return TransferArgumentsText::tr("export needs -o %1 (where to write).")
            .arg(flags.all ? QStringLiteral("PATH") : QStringLiteral("FILE"));
    options->outputPath = flags.output;

    if (flags.formatSet) {
        const auto format = core::exportFormatFromName(flags.format.trimmed());
        if (!format)
            return TransferArgumentsText::tr(
                       "Unknown export format \"%1\": use md, json, html, pdf or txt.")
                .arg(flags.format);
        options->exportFormat = *format;
    } else if (flags.all) {
        // One archive when the name says so; otherwise a folder, which Markdown suits best.
        options->exportFormat = flags.output.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)
                                    ? core::ExportFormat::Json
                                    : core::ExportFormat::Markdown;
    } else {
        const auto format = core::exportFormatForPath(flags.output);
        if (!format)
            return TransferArgumentsText::tr(
                       "Cannot tell the format from the name \"%1\": add --format md, "
                       "json, html, pdf or txt.")
                .arg(flags.output);
        options->exportFormat = *format;
    }
    return {};
}

QString parseImport(const QStringList& positional, const TransferFlags& flags, AppOptions* options)
{
    if (positional.size() != 2 || positional[1].isEmpty())
        return importUsage();
    options->importFile = positional[1];
    options->importReplace = flags.replace;
    return {};
}

} // namespace

QList<QCommandLineOption> transferOptions()
{
    return {
        QCommandLineOption(QStringLiteral("all"),
                           TransferArgumentsText::tr("export: every saved conversation.")),
        QCommandLineOption(QStringLiteral("format"),
                           TransferArgumentsText::tr("export: md, json, html, pdf or txt."),
                           QStringLiteral("F")),
        QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                           TransferArgumentsText::tr("export: the file (or folder) to write."),
                           QStringLiteral("PATH")),
        QCommandLineOption(
            QStringLiteral("replace"),
            TransferArgumentsText::tr("import: replace conversations imported before "
                                      "instead of skipping them.")),
    };
}

TransferFlags parsedTransferFlags(const QCommandLineParser& parser)
{
    TransferFlags flags;
    flags.all = parser.isSet(QStringLiteral("all"));
    flags.formatSet = parser.isSet(QStringLiteral("format"));
    flags.format = parser.value(QStringLiteral("format"));
    flags.outputSet = parser.isSet(QStringLiteral("output"));
    flags.output = parser.value(QStringLiteral("output"));
    flags.replace = parser.isSet(QStringLiteral("replace"));
    return flags;
}

QString parseTransferCommand(const QStringList& positional, const TransferFlags& flags,
                             AppOptions* options)
{
    if (positional.value(0) == QStringLiteral("export")) {
        options->mode = Mode::Export;
        return parseExport(positional, flags, options);
    }
    options->mode = Mode::Import;
    return parseImport(positional, flags, options);
}

QString misplacedTransferFlag(Mode mode, const TransferFlags& flags)
{
    if (mode != Mode::Export) {
        if (flags.all)
            return TransferArgumentsText::tr("--all is an option of keel export.");
        if (flags.formatSet)
            return TransferArgumentsText::tr("--format is an option of keel export.");
        if (flags.outputSet)
            return TransferArgumentsText::tr("-o is an option of keel export.");
    }
    if (mode != Mode::Import && flags.replace)
        return TransferArgumentsText::tr("--replace is an option of keel import.");
    return {};
}

QString transferHelpText()
{
    return TransferArgumentsText::tr(R"(  export ID -o FILE [--format md|json|html|pdf|txt]
                         Write conversation ID (see history list) to FILE; the format
                         comes from --format, else from FILE's extension. JSON keeps
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
)");
}

} // namespace keel::app
