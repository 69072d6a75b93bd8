// AttachmentWidgetsTest: the attachment widgets on their own, offscreen: the composer's chips
// (thumbnail, size, warning, remove by button and by Delete, Tab through them, hidden when
// empty), the transcript's row (thumbnails decoded off the GUI thread, file chips, no rebuild for
// the same attachments, an undecodable image), the image viewer (full image, actual size, Esc
// closes it), pastes into the composer, and a drop on the conversation area.
#include "ui/AttachmentDropArea.h"
#include "ui/AttachmentStrip.h"
#include "ui/AttachmentThumbnails.h"
#include "ui/Composer.h"
#include "ui/ImageViewer.h"
#include "ui/MessageWidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QBuffer>
#include <QDropEvent>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

using namespace keel;

namespace {

QByteArray pngBytes(QSize size, QColor colour)
{
    QImage image(size, QImage::Format_ARGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

core::Attachment imageAttachment(const QString& name, QSize size, qint64 id = 0)
{
    core::Attachment attachment;
    attachment.id = id;
    attachment.kind = core::Attachment::Kind::Image;
    attachment.fileName = name;
    attachment.mimeType = QStringLiteral("image/png");
    attachment.data = pngBytes(size, Qt::red);
    attachment.originalSize = attachment.data.size();
    return attachment;
}

core::Attachment textAttachment(const QString& name, const QByteArray& text)
{
    core::Attachment attachment;
    attachment.kind = core::Attachment::Kind::Text;
    attachment.fileName = name;
    attachment.mimeType = QStringLiteral("text/plain");
    attachment.data = text;
    attachment.originalSize = text.size();
    return attachment;
}

QList<ui::ImageViewer*> openViewers()
{
    QList<ui::ImageViewer*> viewers;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (auto* viewer = qobject_cast<ui::ImageViewer*>(widget); viewer && viewer->isVisible())
            viewers.append(viewer);
    }
    return viewers;
}

} // namespace

class AttachmentWidgetsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stripShowsChipsAndRemovesThem()
    {
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* strip = new ui::AttachmentStrip;
        auto* composer = new ui::Composer;
        QAbstractButton* attach = strip->createAttachButton();
        QCOMPARE(attach->accessibleName(), QStringLiteral("Attach files"));
        layout->addWidget(attach);
        layout->addWidget(strip);
        layout->addWidget(composer);
        window.resize(600, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(strip->isHidden());
        QSignalSpy changed(strip, &ui::AttachmentStrip::changed);

        QImage thumbnail(40, 30, QImage::Format_RGB32);
        thumbnail.fill(Qt::red);
        strip->addAttachment(imageAttachment(QStringLiteral("chart.png"), {400, 300}), thumbnail);
        strip->addAttachment(textAttachment(QStringLiteral("notes.txt"), "hello"), {},
                             QStringLiteral("notes.txt was cut off"));
        QCOMPARE(strip->count(), 2);
        QCOMPARE(changed.count(), 2);
        QVERIFY(strip->isVisible());
        QCOMPARE(strip->attachments().at(0).fileName, QStringLiteral("chart.png"));
        QCOMPARE(strip->attachments().at(1).fileName, QStringLiteral("notes.txt"));

        ui::AttachmentChip* image = strip->chips().at(0);
        ui::AttachmentChip* text = strip->chips().at(1);
        QVERIFY(image->hasThumbnail());
        QVERIFY(!text->hasThumbnail());
        QCOMPARE(image->removeButton()->accessibleName(), QStringLiteral("Remove chart.png"));
        QCOMPARE(text->removeButton()->accessibleName(), QStringLiteral("Remove notes.txt"));
        QVERIFY(image->toolTip().contains(QStringLiteral("chart.png")));
        QVERIFY(text->toolTip().contains(QStringLiteral("notes.txt was cut off")));
        QCOMPARE(text->warning(), QStringLiteral("notes.txt was cut off"));

        // Tab goes from the Attach button to a chip, its ×, the next chip, its ×, then the
        // composer.
        attach->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(attach->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), image);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), image->removeButton());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), text);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), text->removeButton());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), composer);

        // Delete on a chip removes it; the keyboard stays among the chips.
        text->setFocus(Qt::TabFocusReason);
        QTest::keyClick(text, Qt::Key_Delete);
        QCOMPARE(strip->count(), 1);
        QCOMPARE(strip->attachments().at(0).fileName, QStringLiteral("chart.png"));
        QTRY_VERIFY(image->hasFocus());

        // The × removes the last one, and the strip hides.
        QTest::mouseClick(image->removeButton(), Qt::LeftButton);
        QCOMPARE(strip->count(), 0);
        QVERIFY(strip->isHidden());
        QVERIFY(strip->attachments().isEmpty());
    }

    void stripKeepsToTheLimit()
    {
        ui::AttachmentStrip strip;
        QSignalSpy notices(&strip, &ui::AttachmentStrip::notice);
        for (int i = 0; i < core::kMaxAttachments + 1; ++i)
            strip.addAttachment(textAttachment(QStringLiteral("f%1.txt").arg(i), "x"));
        QCOMPARE(strip.count(), core::kMaxAttachments);
        QCOMPARE(notices.count(), 1);
        QVERIFY(notices.at(0).at(0).toString().contains(
            QStringLiteral("f%1.txt").arg(core::kMaxAttachments)));
        strip.clear();
        QCOMPARE(strip.count(), 0);
        QVERIFY(strip.isHidden());
    }

    void composerTakesPastedImagesAndFiles()
    {
        ui::Composer composer;
        QSignalSpy images(&composer, &ui::Composer::imagePasted);
        QSignalSpy files(&composer, &ui::Composer::filesDropped);
        QImage picture(20, 10, QImage::Format_RGB32);
        picture.fill(Qt::green);
        QMimeData imageData;
        imageData.setImageData(picture);

        // Off (the edit box of a sent message): no attachments, nothing happens to the text.
        QVERIFY(!composer.canInsertFromMimeData(&imageData));
        composer.setAcceptsAttachments(true);
        QVERIFY(composer.canInsertFromMimeData(&imageData));
        composer.insertFromMimeData(&imageData);
        QCOMPARE(images.count(), 1);
        QCOMPARE(images.at(0).at(0).value<QImage>().size(), QSize(20, 10));
        QVERIFY(composer.toPlainText().isEmpty());

        QMimeData urls;
        urls.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/a.txt")),
                      QUrl(QStringLiteral("https://example.com/remote.png"))});
        composer.insertFromMimeData(&urls);
        QCOMPARE(files.count(), 1);
        // Only the local file: a remote URL is never fetched.
        QCOMPARE(files.at(0).at(0).toStringList(), QStringList{QStringLiteral("/tmp/a.txt")});

        // Text is still text, also when the copy carries a picture of itself.
        QMimeData text;
        text.setText(QStringLiteral("just words"));
        text.setImageData(picture);
        composer.insertFromMimeData(&text);
        QCOMPARE(composer.toPlainText(), QStringLiteral("just words"));
        QCOMPARE(images.count(), 1);
    }

    void composerSubmitsEmptyOnlyWhenAllowed()
    {
        ui::Composer composer;
        QSignalSpy submitted(&composer, &ui::Composer::submitted);
        QTest::keyClick(&composer, Qt::Key_Return);
        QCOMPARE(submitted.count(), 0);
        composer.setSubmitsEmpty(true);
        QTest::keyClick(&composer, Qt::Key_Return);
        QCOMPARE(submitted.count(), 1);
    }

    void transcriptRowDecodesOffThreadAndOpensTheViewer()
    {
        ui::MessageWidget message(core::Role::User, QStringLiteral("You"));
        message.resize(700, 400);
        message.setText(QStringLiteral("Look at these"));
        QVERIFY(message.attachmentRow() == nullptr); // nothing made for messages without files
        message.setAttachments({});
        QVERIFY(message.attachmentRow() == nullptr);
        const QList<core::Attachment> attachments = {
            imageAttachment(QStringLiteral("wide.png"), {640, 320}, 7),
            textAttachment(QStringLiteral("main.py"), "print('hi')\n")};
        message.setAttachments(attachments);
        message.show();
        QVERIFY(QTest::qWaitForWindowExposed(&message));

        ui::AttachmentThumbnails* row = message.attachmentRow();
        QVERIFY(row);
        QVERIFY(row->isVisible());
        QCOMPARE(row->imageThumbnails().size(), 1);
        QCOMPARE(row->fileChips().size(), 1);
        ui::ImageThumbnail* thumbnail = row->imageThumbnails().first();
        QCOMPARE(thumbnail->accessibleName(), QStringLiteral("Image wide.png"));
        QTRY_VERIFY(thumbnail->isDecoded());
        // Scaled to fit 160 px, keeping its 2:1 shape (no wider than the box).
        QCOMPARE(thumbnail->sizeHint(), QSize(160, 80));
        QVERIFY(thumbnail->thumbnail().width() <= 2 * ui::ImageThumbnail::kMaxPx);
        QVERIFY(row->fileChips().first()->accessibleName().contains(QStringLiteral("main.py")));

        // The same attachments again (as every render does): nothing is rebuilt.
        message.setAttachments(attachments);
        QCOMPARE(row->imageThumbnails().first(), thumbnail);

        // A click opens the viewer; it decodes the full image, toggles actual size, Esc closes.
        QVERIFY(openViewers().isEmpty());
        QTest::mouseClick(thumbnail, Qt::LeftButton);
        QTRY_COMPARE(openViewers().size(), 1);
        QPointer<ui::ImageViewer> viewer = openViewers().first();
        QVERIFY(viewer->accessibleName().contains(QStringLiteral("wide.png")));
        QTRY_VERIFY(viewer->isLoaded());
        QCOMPARE(viewer->imageSize(), QSize(640, 320));
        QVERIFY(!viewer->isActualSize());
        QVERIFY(viewer->sizeButton()->isEnabled());
        QTest::mouseClick(viewer->sizeButton(), Qt::LeftButton);
        QVERIFY(viewer->isActualSize());
        QCOMPARE(viewer->sizeButton()->text(), QStringLiteral("Fit to window"));
        viewer->activateWindow();
        QTest::keyClick(viewer, Qt::Key_Escape);
        QTRY_VERIFY(viewer.isNull()); // closed and deleted

        // Other attachments replace the row's content.
        message.setAttachments({textAttachment(QStringLiteral("b.txt"), "b")});
        QCOMPARE(row->imageThumbnails().size(), 0);
        QCOMPARE(row->fileChips().size(), 1);
        message.setAttachments({});
        QVERIFY(row->isHidden());
    }

    void undecodableImageShowsItsName()
    {
        core::Attachment broken = imageAttachment(QStringLiteral("broken.png"), {10, 10});
        broken.data = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(64, 'x');
        ui::ImageThumbnail thumbnail(broken);
        thumbnail.show();
        QTRY_VERIFY(thumbnail.isUndecodable());
        QVERIFY(!thumbnail.isDecoded());
        QCOMPARE(thumbnail.sizeHint(),
                 QSize(ui::ImageThumbnail::kPlaceholderPx, ui::ImageThumbnail::kPlaceholderPx));
    }

    void dropOnTheAreaAttachesLocalFiles()
    {
        QWidget area;
        area.resize(400, 300);
        ui::AttachmentDropArea drops(&area);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QSignalSpy files(&drops, &ui::AttachmentDropArea::filesDropped);

        QMimeData remote;
        remote.setUrls({QUrl(QStringLiteral("https://example.com/x.png"))});
        QDragEnterEvent refused(QPoint(50, 50), Qt::CopyAction, &remote, Qt::LeftButton,
                                Qt::NoModifier);
        QApplication::sendEvent(&area, &refused);
        QVERIFY(!refused.isAccepted());
        QVERIFY(!drops.isHintShown());

        QMimeData local;
        local.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/picture.png"))});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &local, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(&area, &enter);
        QVERIFY(enter.isAccepted());
        QVERIFY(drops.isHintShown());
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &local, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&area, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(!drops.isHintShown());
        QCOMPARE(files.count(), 1);
        QCOMPARE(files.at(0).at(0).toStringList(), QStringList{QStringLiteral("/tmp/picture.png")});

        // Over read-only text in the area (a message) the drag goes on to the area, and so
        // does the drop.
        auto* message = new QTextBrowser(&area);
        message->show();
        QDragEnterEvent overMessage(QPoint(5, 5), Qt::CopyAction, &local, Qt::LeftButton,
                                    Qt::NoModifier);
        QApplication::sendEvent(message->viewport(), &overMessage);
        QVERIFY(overMessage.isAccepted());
        QVERIFY(drops.isHintShown());
        QDropEvent onMessage(QPointF(5, 5), Qt::CopyAction, &local, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(message->viewport(), &onMessage);
        QVERIFY(onMessage.isAccepted());
        QCOMPARE(files.count(), 2);
    }
};

QTEST_MAIN(AttachmentWidgetsTest)
#include "AttachmentWidgetsTest.moc"
