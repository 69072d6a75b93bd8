// Attachment: a file the user attached to a message: an image (sent as image input in each
// provider's format) or a text or code file (inlined into the message text as a fenced block).
// The value type and the pure rules around it: what a file is, the size caps, the fenced text the
// model sees. Reading a file is the caller's business (never on the GUI thread).
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace keel::core {

struct Attachment {
    enum class Kind { Image, Text };
    qint64 id = 0; // 0: not stored yet
    Kind kind = Kind::Image;
    QString fileName{};      // without directories: "chart.png"
    QString mimeType{};      // image/png, image/jpeg, image/webp, image/gif; text/plain for text
    QByteArray data{};       // the image bytes, or the text as UTF-8 (cut at the cap)
    qint64 originalSize = 0; // bytes of the file as attached
    bool truncated = false;  // text longer than kMaxTextBytes: data holds the first part

    bool isImage() const { return kind == Kind::Image; }
};

// Images larger than this are refused (the providers' own limits are 5-20 MB).
inline constexpr qint64 kMaxImageBytes = 20LL * 1024 * 1024;
// Text beyond this is cut off, with a warning: it would crowd out the conversation.
inline constexpr qint64 kMaxTextBytes = 200LL * 1024;
// Attachments per message.
inline constexpr int kMaxAttachments = 10;

// The answer of attachmentFromBytes / attachmentFromFile: an attachment, or a human error
// ("notes.pdf is neither an image (PNG, JPEG, WebP, GIF) nor a text file."); warning is set when
// the attachment was made but something is worth saying ("log.txt is 1.2 MB; only the first
// 200 KB are sent.").
struct AttachmentLoad {
    std::optional<Attachment> attachment;
    QString error{};
    QString warning{};
};

// What the bytes are: PNG, JPEG, WebP or GIF by their signature (the name does not decide),
// else text when they are valid UTF-8 without NUL bytes, else an error.
AttachmentLoad attachmentFromBytes(const QString& fileName, const QByteArray& bytes);
// Reads the file (blocking: call it off the GUI thread) and classifies it as above. Of a large
// file that is not an image only the head is read (enough to tell text and to fill the cap).
AttachmentLoad attachmentFromFile(const QString& path);
// The image MIME type by signature, "" when the bytes are none of the four formats.
QString imageMimeType(const QByteArray& bytes);
// A Markdown code fence of mark (` or ~) longer than any run of it inside text, at least three:
// text put inside it cannot close it early.
QString codeFence(const QString& text, QChar mark = u'`');
// "812 bytes", "200 KB", "1.2 MB" (binary units, as file managers show them).
QString humanFileSize(qint64 bytes);
// The fence info string for a file name: "cpp" for x.cpp, "python" for x.py, "" when unknown.
QString fenceLanguageFor(const QString& fileName);

// The text the model sees for a message: its text, then each text attachment as a fenced block
// headed by its file name (a fence longer than any backtick run inside, so the content cannot
// close it), and a note when it was cut off. Images are not included (they go as image input).
QString textWithAttachments(const QString& text, const QList<Attachment>& attachments);
// Whether any of the attachments is an image.
bool hasImages(const QList<Attachment>& attachments);

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::Attachment)
