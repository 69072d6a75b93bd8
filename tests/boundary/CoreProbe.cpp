// CoreProbe: links everything keel_core has (the engine pulls in net, providers, chat, diag) and
// nothing else, so CheckCoreBoundary can inspect what the core drags into a binary.
#include "CoreThread.h"
#include "Engine.h"
#include "diag/DiagnosticsRecorder.h"
#include "diag/LatencyWatchdog.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    keel::core::CoreThread core;
    keel::core::LatencyWatchdog watchdog;
    keel::core::DiagnosticsRecorder diagnostics;
    return diagnostics.toJson(watchdog.stats()).isEmpty() ? 1 : 0;
}
