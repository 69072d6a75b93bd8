// GuiHarness: the chat window with its engine, history store and settings, built, wired and torn
// down as app/GuiSession does it, for the UI tests that chat through a loopback provider. The
// paths come from QStandardPaths, which the test points into a temporary profile first.
#pragma once

#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"
#include "ToolScripts.h"
#include "settings/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsThread.h"
#include "settings/SettingsTypes.h"
#include "store/Store.h"
#include "store/StoreClient.h"
#include "store/StorePaths.h"
#include "store/StoreThread.h"
#include "ui/ChatSettings.h"
#include "ui/EngineWiring.h"
#include "ui/MainWindow.h"

#include <QTemporaryDir>

#include <memory>

namespace keel::test {

// For initTestCase: no session bus (the keychain falls back at once) and the value types that
// cross threads registered.
inline void prepareGuiTestProcess()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    core::registerMetaTypes();
    core::registerSettingsMetaTypes();
}

// For init: a new temporary profile that QStandardPaths (config and data) points into; null if
// it could not be made or the paths do not follow it.
inline std::unique_ptr<QTemporaryDir> temporaryProfile()
{
    auto home = std::make_unique<QTemporaryDir>();
    if (!home->isValid())
        return nullptr;
    qputenv("XDG_CONFIG_HOME", home->filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home->filePath(QStringLiteral("data")).toUtf8());
    if (!core::defaultSettingsPaths().configDir.startsWith(home->path()))
        return nullptr;
    return home;
}

struct GuiHarness {
    explicit GuiHarness(const QString& profile)
        : store(storeThread.store())
        , core(storeThread.store())
        , settingsThread(core::defaultSettingsPaths(), core::SecretStore::serviceNameFor(profile))
        , settings(core::defaultSettingsPaths(), settingsThread.writer(), settingsThread.secrets())
    {
        const QString databasePath = core::defaultDatabasePath();
        store.post([databasePath](core::Store* s) { s->open(databasePath); });
        settingsThread.start();
        settings.load();
        window = std::make_unique<ui::MainWindow>(ui::ChatSettings{}, &store);
        window->setConfiguration(&settings);
        ui::wireWindowToEngine(*window, *core.engine(), &settings, core::defaultLogDirectory());
        storeThread.start();
        core.start();
        window->resize(900, 700);
        window->show();
    }
    ~GuiHarness()
    {
        window.reset();
        core.stop();
        storeThread.stop();
        settingsThread.stop();
    }

    // A provider "Loopback" of this kind at the server, offering one model.
    bool addProvider(const QString& kind, const LoopbackLlmServer& server, const QString& model)
    {
        core::ProviderEntry entry;
        entry.id = QStringLiteral("loop");
        entry.name = QStringLiteral("Loopback");
        entry.kind = kind;
        entry.baseUrl = baseUrlFor(kind, server);
        entry.models = {core::ModelEntry{model, {}, true, -1}};
        const QString error = settings.saveProvider(entry);
        if (!error.isEmpty())
            qWarning("saveProvider: %s", qPrintable(error));
        return error.isEmpty();
    }

    core::StoreThread storeThread;
    core::StoreClient store;
    core::CoreThread core;
    core::SettingsThread settingsThread;
    core::Settings settings;
    std::unique_ptr<ui::MainWindow> window;
};

} // namespace keel::test
