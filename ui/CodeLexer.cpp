// CodeLexer: one line through a CodeScanner.
#include "ui/CodeLexer.h"

#include "ui/CodeScanner.h"

namespace keel::ui {

QList<CodeSpan> CodeLexer::lexLine(const CodeLanguage& language, QStringView line, int& state)
{
    CodeScanner scanner(language, line, state);
    QList<CodeSpan> spans = scanner.run();
    state = scanner.state();
    return spans;
}

} // namespace keel::ui
