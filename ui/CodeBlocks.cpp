// CodeBlocks: reading code blocks back from a rendered document.
#include "ui/CodeBlocks.h"

namespace keel::ui::CodeBlocks {

bool isCodeLine(const QTextBlock& block)
{
    return block.isValid() && block.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
}

bool startsCodeBlock(const QTextBlock& block)
{
    if (!isCodeLine(block))
        return false;
    const QTextBlockFormat format = block.blockFormat();
    if (format.boolProperty(kStartProperty))
        return true;
    const QTextBlock previous = block.previous();
    return !isCodeLine(previous)
           || previous.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage)
                  != format.stringProperty(QTextFormat::BlockCodeLanguage);
}

QTextBlock lastLine(const QTextBlock& first)
{
    QTextBlock last = first;
    for (QTextBlock next = first.next(); isCodeLine(next) && !startsCodeBlock(next);
         next = next.next())
        last = next;
    return last;
}

QString language(const QTextBlock& first)
{
    return first.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage);
}

QString code(const QTextBlock& first)
{
    if (const auto* data = dynamic_cast<const SourceData*>(first.userData()))
        return data->source();
    QString text;
    const QTextBlock last = lastLine(first);
    for (QTextBlock block = first; block.isValid(); block = block.next()) {
        text += block.text();
        if (block == last)
            break;
        text += u'\n';
    }
    return text;
}

} // namespace keel::ui::CodeBlocks
