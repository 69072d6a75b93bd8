// Unit tests of the sidebar's conversation model: grouping by local calendar day against a fixed
// clock (boundaries around midnight), pinned first, header rows, in-place updates versus resets,
// inline rename, and holding changes back while an editor is open. The process runs in a zone
// nine hours east of UTC, so grouping by UTC days instead of local ones would fail.
#include "ui/ConversationListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace keel;
using namespace Qt::StringLiterals;
using Group = ui::ConversationListModel::Group;

Q_DECLARE_METATYPE(keel::ui::ConversationListModel::Group)

namespace {

QDateTime local(int year, int month, int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::LocalTime);
}

core::ConversationSummary conversation(qint64 id, const QString& title, const QDateTime& updated,
                                       bool pinned = false)
{
    core::ConversationSummary c;
    c.id = id;
    c.title = title;
    c.createdAt = updated.toUTC();
    c.updatedAt = updated.toUTC(); // the store's times are UTC
    c.pinned = pinned;
    return c;
}

// Each row as text: "# Header" or the title shown.
QStringList rows(const ui::ConversationListModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        const QString text = index.data().toString();
        out.append(index.data(ui::ConversationListModel::IsHeaderRole).toBool() ? "# "_L1 + text
                                                                                : text);
    }
    return out;
}

} // namespace

class ConversationListModelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void groupBoundaries_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QDateTime>("updated");
        QTest::addColumn<bool>("pinned");
        QTest::addColumn<Group>("group");

        const QDateTime justAfterMidnight = local(2024, 6, 15, 0, 5);
        const QDateTime justBeforeMidnight = local(2024, 6, 15, 23, 59, 59);
        QTest::newRow("today, minutes ago")
            << justAfterMidnight << local(2024, 6, 15, 0, 1) << false << Group::Today;
        QTest::newRow("today, at midnight")
            << justAfterMidnight << local(2024, 6, 15, 0, 0) << false << Group::Today;
        QTest::newRow("yesterday, a minute before midnight")
            << justAfterMidnight << local(2024, 6, 14, 23, 59) << false << Group::Yesterday;
        QTest::newRow("yesterday, its first minute")
            << justAfterMidnight << local(2024, 6, 14, 0, 0) << false << Group::Yesterday;
        QTest::newRow("two days ago, last second")
            << justAfterMidnight << local(2024, 6, 13, 23, 59, 59) << false << Group::PreviousWeek;
        QTest::newRow("seven days ago")
            << justAfterMidnight << local(2024, 6, 8, 0, 0) << false << Group::PreviousWeek;
        QTest::newRow("eight days ago")
            << justAfterMidnight << local(2024, 6, 7, 23, 59) << false << Group::Older;
        QTest::newRow("last year")
            << justAfterMidnight << local(2023, 6, 15, 12, 0) << false << Group::Older;
        QTest::newRow("end of day: this morning")
            << justBeforeMidnight << local(2024, 6, 15, 0, 0) << false << Group::Today;
        QTest::newRow("end of day: yesterday evening")
            << justBeforeMidnight << local(2024, 6, 14, 23, 59, 59) << false << Group::Yesterday;
        QTest::newRow("clock behind the store: future counts as today")
            << justAfterMidnight << local(2024, 6, 16, 9, 0) << false << Group::Today;
        QTest::newRow("pinned beats age")
            << justAfterMidnight << local(2020, 1, 1, 0, 0) << true << Group::Pinned;
        QTest::newRow("no time at all")
            << justAfterMidnight << QDateTime() << false << Group::Older;
        // 00:30 local here is 15:30 the day before in UTC: a UTC-day grouping says Yesterday.
        QTest::newRow("local day, not UTC day")
            << local(2024, 6, 15, 10, 0) << local(2024, 6, 15, 0, 30) << false << Group::Today;
    }

    void groupBoundaries()
    {
        QFETCH(QDateTime, now);
        QFETCH(QDateTime, updated);
        QFETCH(bool, pinned);
        QFETCH(Group, group);
        core::ConversationSummary c = conversation(1, u"x"_s, updated, pinned);
        if (!updated.isValid())
            c.updatedAt = QDateTime();
        QCOMPARE(ui::ConversationListModel::groupFor(c, now), group);
        // The same instant handed over as UTC (as the store does) or as local time agrees.
        QCOMPARE(ui::ConversationListModel::groupFor(c, now.toUTC()), group);
    }

    void rowsArePinnedFirstThenGroupedNewestFirst()
    {
        ui::ConversationListModel model;
        QAbstractItemModelTester tester(&model);
        model.setClock([] { return local(2024, 6, 15, 0, 5); });
        model.setConversations({
            conversation(1, u"Old notes"_s, local(2024, 5, 1, 9, 0)),
            conversation(2, u"Late night"_s, local(2024, 6, 14, 23, 58)),
            conversation(3, u"Pinned recipe"_s, local(2023, 1, 1, 0, 0), true),
            conversation(4, u"Just now"_s, local(2024, 6, 15, 0, 4)),
            conversation(5, u"Last week"_s, local(2024, 6, 10, 8, 0)),
            conversation(6, {}, local(2024, 6, 15, 0, 1)),
            conversation(7, u"Pinned fresh"_s, local(2024, 6, 15, 0, 2), true),
            conversation(8, u"Yesterday morning"_s, local(2024, 6, 14, 7, 0)),
        });
        const QStringList expected{
            u"# Pinned"_s,          u"Pinned fresh"_s,      u"Pinned recipe"_s, u"# Today"_s,
            u"Just now"_s,          u"New chat"_s,          u"# Yesterday"_s,   u"Late night"_s,
            u"Yesterday morning"_s, u"# Previous 7 days"_s, u"Last week"_s,     u"# Older"_s,
            u"Old notes"_s,
        };
        QCOMPARE(rows(model), expected);
        QCOMPARE(model.conversationCount(), 8);

        // Headers are not enabled (keyboard navigation steps over them); rows are editable.
        QCOMPARE(model.flags(model.index(0)), Qt::NoItemFlags);
        QVERIFY(model.flags(model.index(1)).testFlag(Qt::ItemIsEditable));
        QCOMPARE(model.conversationIdAt(model.index(0)), 0);
        QCOMPARE(model.conversationIdAt(model.index(1)), 7);
        QCOMPARE(model.index(5).data(ui::ConversationListModel::TitleRole).toString(), QString());
        QCOMPARE(model.indexOf(5).row(), 10);
        QVERIFY(!model.indexOf(99).isValid());
    }

    void regroupsWhenTheDayChanges()
    {
        QDateTime now = local(2024, 6, 15, 23, 59);
        ui::ConversationListModel model;
        model.setClock([&now] { return now; });
        model.setConversations({conversation(1, u"Evening"_s, local(2024, 6, 15, 21, 0))});
        QCOMPARE(rows(model), QStringList({u"# Today"_s, u"Evening"_s}));
        now = local(2024, 6, 16, 0, 0, 1);
        model.regroup();
        QCOMPARE(rows(model), QStringList({u"# Yesterday"_s, u"Evening"_s}));
    }

    void changesInPlaceDoNotResetTheModel()
    {
        ui::ConversationListModel model;
        QAbstractItemModelTester tester(&model);
        model.setClock([] { return local(2024, 6, 15, 12, 0); });
        model.setConversations({conversation(1, u"A"_s, local(2024, 6, 15, 11, 0)),
                                conversation(2, u"B"_s, local(2024, 6, 15, 10, 0))});
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

        model.upsert(conversation(2, u"B renamed"_s, local(2024, 6, 15, 10, 0)));
        QCOMPARE(resets.count(), 0);
        QVERIFY(changes.count() >= 1);
        QCOMPARE(rows(model), QStringList({u"# Today"_s, u"A"_s, u"B renamed"_s}));

        // A newer message moves B above A: the order changes, views are told by a reset.
        model.upsert(conversation(2, u"B renamed"_s, local(2024, 6, 15, 11, 30)));
        QCOMPARE(resets.count(), 1);
        QCOMPARE(rows(model), QStringList({u"# Today"_s, u"B renamed"_s, u"A"_s}));

        model.upsert(conversation(3, u"C"_s, local(2024, 6, 1, 10, 0)));
        QCOMPARE(rows(model),
                 QStringList({u"# Today"_s, u"B renamed"_s, u"A"_s, u"# Older"_s, u"C"_s}));
        QVERIFY(model.remove(3));
        QVERIFY(!model.remove(3));
        QCOMPARE(rows(model), QStringList({u"# Today"_s, u"B renamed"_s, u"A"_s}));
    }

    void currentConversationIsMarked()
    {
        ui::ConversationListModel model;
        model.setClock([] { return local(2024, 6, 15, 12, 0); });
        model.setConversations({conversation(1, u"A"_s, local(2024, 6, 15, 11, 0)),
                                conversation(2, u"B"_s, local(2024, 6, 15, 10, 0))});
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.setCurrentConversation(2);
        QCOMPARE(changes.count(), 1);
        QVERIFY(model.indexOf(2).data(ui::ConversationListModel::CurrentRole).toBool());
        QVERIFY(!model.indexOf(1).data(ui::ConversationListModel::CurrentRole).toBool());
        model.setCurrentConversation(1);
        QCOMPARE(changes.count(), 3); // the old row and the new one
        model.setCurrentConversation(0);
        QVERIFY(!model.indexOf(1).data(ui::ConversationListModel::CurrentRole).toBool());
    }

    void inlineRenameAsksTheStore()
    {
        ui::ConversationListModel model;
        model.setClock([] { return local(2024, 6, 15, 12, 0); });
        model.setConversations({conversation(1, {}, local(2024, 6, 15, 11, 0))});
        QSignalSpy renames(&model, &ui::ConversationListModel::renameRequested);
        const QModelIndex row = model.indexOf(1);
        QCOMPARE(row.data().toString(), u"New chat"_s);
        QCOMPARE(row.data(Qt::EditRole).toString(), QString());

        QVERIFY(!model.setData(row, u"   "_s, Qt::EditRole)); // emptied: never mind
        QVERIFY(model.setData(row, u"  Trip\nplanning  "_s, Qt::EditRole));
        QCOMPARE(renames.count(), 1);
        QCOMPARE(renames.at(0).at(0).toLongLong(), 1);
        QCOMPARE(renames.at(0).at(1).toString(), u"Trip planning"_s);
        QCOMPARE(row.data().toString(), u"Trip planning"_s); // shown before the store answers
        QVERIFY(!model.setData(row, u"Trip planning"_s, Qt::EditRole)); // unchanged
        QVERIFY(!model.setData(model.index(0), u"Header"_s, Qt::EditRole));
        QCOMPARE(renames.count(), 1);
    }

    void frozenRowsKeepTheirOrderUntilThawed()
    {
        ui::ConversationListModel model;
        QAbstractItemModelTester tester(&model);
        model.setClock([] { return local(2024, 6, 15, 12, 0); });
        model.setConversations({conversation(1, u"A"_s, local(2024, 6, 15, 11, 0)),
                                conversation(2, u"B"_s, local(2024, 6, 15, 10, 0))});
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setFrozen(true);
        model.setConversations({conversation(2, u"B"_s, local(2024, 6, 15, 11, 30)),
                                conversation(1, u"A"_s, local(2024, 6, 15, 11, 0)),
                                conversation(3, u"C"_s, local(2024, 6, 15, 11, 45))});
        QCOMPARE(resets.count(), 0);
        QCOMPARE(rows(model), QStringList({u"# Today"_s, u"A"_s, u"B"_s}));
        // The edit being committed still lands on its row.
        QVERIFY(model.setData(model.indexOf(1), u"A2"_s, Qt::EditRole));
        model.setFrozen(false);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(rows(model), QStringList({u"# Today"_s, u"C"_s, u"B"_s, u"A2"_s}));
    }
};

int main(int argc, char** argv)
{
    // Before anything reads the zone. POSIX form, so no time zone database is needed.
    qputenv("TZ", "JST-9");
    QCoreApplication app(argc, argv);
    ConversationListModelTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "ConversationListModelTest.moc"
