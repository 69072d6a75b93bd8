// UrlHostsTest: which hosts count as this machine, and the rule that TLS verification may be
// switched off for them only. Tricky URLs (credentials, fragments, look-alike names) must never
// be taken for loopback.
#include "net/UrlHosts.h"

#include <QTest>

using namespace keel::core;

class UrlHostsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void loopbackHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("localhost") << QStringLiteral("localhost") << true;
        QTest::newRow("upper case") << QStringLiteral("LocalHost") << true;
        QTest::newRow("trailing dot") << QStringLiteral("localhost.") << true;
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("127/8") << QStringLiteral("127.254.3.9") << true;
        QTest::newRow("::1") << QStringLiteral("::1") << true;
        QTest::newRow("[::1]") << QStringLiteral("[::1]") << true;
        QTest::newRow("::1 expanded") << QStringLiteral("0:0:0:0:0:0:0:1") << true;
        QTest::newRow("v4-mapped loopback") << QStringLiteral("::ffff:127.0.0.1") << true;
        QTest::newRow("128.0.0.1") << QStringLiteral("128.0.0.1") << false;
        QTest::newRow("private") << QStringLiteral("192.168.1.10") << false;
        QTest::newRow("any") << QStringLiteral("0.0.0.0") << false;
        QTest::newRow("::") << QStringLiteral("::") << false;
        QTest::newRow("v4-mapped other") << QStringLiteral("::ffff:10.0.0.1") << false;
        QTest::newRow("suffix") << QStringLiteral("localhost.example.com") << false;
        QTest::newRow("prefix") << QStringLiteral("mylocalhost") << false;
        QTest::newRow("ip-like name") << QStringLiteral("127.0.0.1.nip.io") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("public") << QStringLiteral("api.openai.com") << false;
    }

    void loopbackHosts()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(isLoopbackHost(host), loopback);
    }

    void loopbackUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("llama.cpp") << QStringLiteral("http://127.0.0.1:8080/v1") << true;
        QTest::newRow("https localhost") << QStringLiteral("https://localhost:8443/v1") << true;
        QTest::newRow("ollama v6") << QStringLiteral("http://[::1]:11434") << true;
        QTest::newRow("no scheme") << QStringLiteral("localhost:1234/v1") << true;
        QTest::newRow("upper case") << QStringLiteral("HTTPS://LocalHost/v1") << true;
        QTest::newRow("credentials") << QStringLiteral("https://user:pw@127.0.0.1/v1") << true;
        QTest::newRow("spaces") << QStringLiteral("  http://127.0.0.1/  ") << true;
        QTest::newRow("public") << QStringLiteral("https://api.openai.com/v1") << false;
        QTest::newRow("userinfo trick")
            << QStringLiteral("https://127.0.0.1@evil.example/") << false;
        QTest::newRow("fragment trick")
            << QStringLiteral("https://evil.example#@127.0.0.1") << false;
        QTest::newRow("path trick") << QStringLiteral("https://evil.example/127.0.0.1") << false;
        QTest::newRow("query trick") << QStringLiteral("https://evil.example?localhost") << false;
        QTest::newRow("subdomain") << QStringLiteral("https://localhost.evil.example/") << false;
        QTest::newRow("ip-like name") << QStringLiteral("https://127.0.0.1.evil.example/") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("garbage") << QStringLiteral("http://[not an address]/") << false;
    }

    void loopbackUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, loopback);
        QCOMPARE(isLoopbackUrl(url), loopback);
    }

    void verificationIsOffForLoopbackOnly_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("requested");
        QTest::addColumn<bool>("effective");
        QTest::newRow("loopback, off")
            << QStringLiteral("https://127.0.0.1:8443/v1") << false << false;
        QTest::newRow("localhost, off") << QStringLiteral("https://localhost/v1") << false << false;
        QTest::newRow("loopback, on")
            << QStringLiteral("https://127.0.0.1:8443/v1") << true << true;
        QTest::newRow("remote, off")
            << QStringLiteral("https://api.openai.com/v1") << false << true;
        QTest::newRow("remote, on") << QStringLiteral("https://api.openai.com/v1") << true << true;
        QTest::newRow("trick, off")
            << QStringLiteral("https://127.0.0.1@evil.example/") << false << true;
        QTest::newRow("unparsable, off") << QStringLiteral("::") << false << true;
    }

    void verificationIsOffForLoopbackOnly()
    {
        QFETCH(QString, url);
        QFETCH(bool, requested);
        QFETCH(bool, effective);
        QCOMPARE(effectiveVerifyTls(url, requested), effective);
    }
};

QTEST_GUILESS_MAIN(UrlHostsTest)
#include "UrlHostsTest.moc"
