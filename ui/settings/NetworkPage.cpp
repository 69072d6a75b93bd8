// NetworkPage: proxy, timeouts and the TLS note, applied live to Settings::general().network.
#include "ui/settings/NetworkPage.h"

#include "ui/settings/SecretField.h"
#include "ui/settings/SettingsStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace keel::ui {

using settingsStyle::Tone;

namespace {

constexpr int kDefaultIdleSeconds = 600;

QFormLayout* addForm(QVBoxLayout* layout)
{
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(8);
    layout->addLayout(form);
    return form;
}

} // namespace

NetworkPage::NetworkPage(core::Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_mode(new QComboBox)
    , m_url(new QLineEdit)
    , m_urlError(settingsStyle::messageLabel(QStringLiteral("proxyUrlError")))
    , m_user(new QLineEdit)
    , m_password(new SecretField(QStringLiteral("proxyPassword"), tr("Proxy password")))
    , m_passwordMessage(settingsStyle::messageLabel(QStringLiteral("proxyPasswordMessage")))
    , m_connectTimeout(new QSpinBox)
    , m_idleTimeout(new QSpinBox)
    , m_idleNever(new QCheckBox(tr("Never")))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    layout->addWidget(settingsStyle::sectionHeader(tr("Proxy")));
    QFormLayout* proxy = addForm(layout);
    m_mode->setObjectName(QStringLiteral("proxyMode"));
    m_mode->setAccessibleName(tr("Proxy"));
    m_mode->addItem(tr("Use the system's proxy settings"),
                    static_cast<int>(core::ProxyConfig::Mode::System));
    m_mode->addItem(tr("No proxy"), static_cast<int>(core::ProxyConfig::Mode::None));
    m_mode->addItem(tr("Manual"), static_cast<int>(core::ProxyConfig::Mode::Manual));
    proxy->addRow(tr("&Proxy:"), m_mode);
    m_url->setObjectName(QStringLiteral("proxyUrl"));
    m_url->setAccessibleName(tr("Proxy URL"));
    m_url->setPlaceholderText(tr("http://proxy.example.com:3128 or socks5h://127.0.0.1:1080"));
    m_url->setClearButtonEnabled(true);
    proxy->addRow(tr("&URL:"), m_url);
    settingsStyle::setMessage(m_urlError, {}, Tone::Bad);
    proxy->addRow(QString(), m_urlError);
    m_user->setObjectName(QStringLiteral("proxyUser"));
    m_user->setAccessibleName(tr("Proxy user name"));
    m_user->setPlaceholderText(tr("Optional"));
    proxy->addRow(tr("U&ser:"), m_user);
    proxy->addRow(tr("Pass&word:"), m_password);
    settingsStyle::setMessage(m_passwordMessage, {}, Tone::Neutral);
    proxy->addRow(QString(), m_passwordMessage);

    layout->addWidget(settingsStyle::sectionHeader(tr("Timeouts")));
    QFormLayout* timeouts = addForm(layout);
    timeouts->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_connectTimeout->setObjectName(QStringLiteral("connectTimeout"));
    m_connectTimeout->setAccessibleName(tr("Connect timeout in seconds"));
    m_connectTimeout->setRange(1, 300);
    m_connectTimeout->setSuffix(tr(" s"));
    m_connectTimeout->setKeyboardTracking(false); // apply the finished number, not each digit
    m_connectTimeout->setToolTip(tr("How long to wait for the server to accept the connection"));
    timeouts->addRow(tr("&Connect timeout:"), m_connectTimeout);
    m_idleTimeout->setObjectName(QStringLiteral("idleTimeout"));
    m_idleTimeout->setAccessibleName(tr("Idle timeout in seconds"));
    m_idleTimeout->setRange(10, 24 * 3600);
    m_idleTimeout->setSuffix(tr(" s"));
    m_idleTimeout->setKeyboardTracking(false);
    m_idleNever->setObjectName(QStringLiteral("idleTimeoutNever"));
    m_idleNever->setAccessibleName(tr("Never give up on a silent server"));
    auto* idleRow = new QHBoxLayout;
    idleRow->addWidget(m_idleTimeout);
    idleRow->addWidget(m_idleNever);
    idleRow->addStretch(1);
    auto* idleLabel = new QLabel(tr("&Idle timeout:"));
    idleLabel->setBuddy(m_idleTimeout);
    timeouts->addRow(idleLabel, idleRow);
    auto* idleHint = new QLabel(tr("A reply is given up after this long without a single byte "
                                   "from the server. Reasoning models can think silently for "
                                   "minutes; the default is 600 s."));
    idleHint->setWordWrap(true);
    idleHint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(idleHint);

    layout->addWidget(settingsStyle::sectionHeader(tr("Security")));
    auto* tlsNote = new QLabel(tr("TLS certificates are always verified. Only a provider whose "
                                  "server runs on this computer (localhost, 127.0.0.1, ::1) may "
                                  "turn verification off, in its settings on the Providers "
                                  "page."));
    tlsNote->setObjectName(QStringLiteral("tlsNote"));
    tlsNote->setWordWrap(true);
    layout->addWidget(tlsNote);
    layout->addStretch(1);

    load();
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        apply();
    });
    connect(m_url, &QLineEdit::textChanged, this, [this] {
        // Clear an error as soon as the text is fixed; complain only when editing is done.
        if (proxyUrlError(m_url->text().trimmed()).isEmpty())
            settingsStyle::setMessage(m_urlError, {}, Tone::Bad);
    });
    connect(m_url, &QLineEdit::editingFinished, this, &NetworkPage::apply);
    connect(m_user, &QLineEdit::editingFinished, this, &NetworkPage::apply);
    connect(m_password, &SecretField::editingFinished, this, &NetworkPage::storePassword);
    connect(m_password, &SecretField::removeClicked, this, [this] {
        m_removePending = true;
        m_passwordWritePending = true;
        m_password->clearTyped();
        m_settings->setProxyPassword({});
    });
    connect(m_connectTimeout, &QSpinBox::valueChanged, this, &NetworkPage::apply);
    connect(m_idleTimeout, &QSpinBox::valueChanged, this, &NetworkPage::apply);
    connect(m_idleNever, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        apply();
    });
    connect(m_settings, &core::Settings::generalChanged, this, &NetworkPage::load);
    connect(m_settings, &core::Settings::proxyPasswordSaved, this, &NetworkPage::onPasswordSaved);
    connect(m_settings, &core::Settings::secretBackendChanged, this,
            &NetworkPage::updatePasswordState);
}

QString NetworkPage::proxyUrlError(const QString& text)
{
    if (text.isEmpty())
        return tr("Enter the proxy's URL, e.g. http://proxy.example.com:3128.");
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || scheme.isEmpty() || url.host().isEmpty())
        return tr("Not a proxy URL: write it as scheme://host:port, e.g. "
                  "socks5h://127.0.0.1:1080.");
    static const QStringList schemes = {QStringLiteral("http"), QStringLiteral("https"),
                                        QStringLiteral("socks5"), QStringLiteral("socks5h")};
    if (!schemes.contains(scheme))
        return tr("Keel cannot use a “%1” proxy: use http, https, socks5 or socks5h.").arg(scheme);
    // The URL lands in settings.ini; a password in it would be stored in plain text.
    if (!url.userInfo().isEmpty())
        return tr("Put the user name and password in the fields below, not in the URL.");
    return {};
}

void NetworkPage::load()
{
    if (m_loading)
        return;
    m_loading = true;
    const core::NetworkSettings& network = m_settings->general().network;
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(static_cast<int>(network.proxyMode))));
    // Text being typed (or shown with an error) is not overwritten by a change elsewhere.
    if (!m_url->hasFocus() && m_urlError->isHidden())
        m_url->setText(network.proxyUrl);
    if (!m_user->hasFocus())
        m_user->setText(network.proxyUser);
    m_connectTimeout->setValue(std::max(1, network.connectTimeoutMs / 1000));
    m_idleNever->setChecked(network.idleTimeoutMs == 0);
    m_idleTimeout->setValue(network.idleTimeoutMs == 0 ? kDefaultIdleSeconds
                                                       : network.idleTimeoutMs / 1000);
    updateEnabled();
    updatePasswordState();
    m_loading = false;
}

void NetworkPage::apply()
{
    if (m_loading)
        return;
    core::GeneralSettings general = m_settings->general();
    core::NetworkSettings& network = general.network;
    const auto mode = static_cast<core::ProxyConfig::Mode>(m_mode->currentData().toInt());
    const QString url = m_url->text().trimmed();
    const QString error = mode == core::ProxyConfig::Mode::Manual ? proxyUrlError(url) : QString();
    settingsStyle::setMessage(m_urlError, error, Tone::Bad);
    // An unusable manual proxy is not applied: requests keep going the way they went.
    if (error.isEmpty()) {
        network.proxyMode = mode;
        if (mode == core::ProxyConfig::Mode::Manual)
            network.proxyUrl = url;
    }
    network.proxyUser = m_user->text().trimmed();
    network.connectTimeoutMs = m_connectTimeout->value() * 1000;
    network.idleTimeoutMs = m_idleNever->isChecked() ? 0 : m_idleTimeout->value() * 1000;
    if (general == m_settings->general())
        return;
    m_loading = true; // generalChanged comes back at once; the controls already show it
    m_settings->setGeneral(general);
    m_loading = false;
}

void NetworkPage::updateEnabled()
{
    const bool manual =
        m_mode->currentData().toInt() == static_cast<int>(core::ProxyConfig::Mode::Manual);
    m_url->setEnabled(manual);
    m_user->setEnabled(manual);
    m_password->setEnabled(manual);
    if (!manual)
        settingsStyle::setMessage(m_urlError, {}, Tone::Bad);
    m_idleTimeout->setEnabled(!m_idleNever->isChecked());
}

void NetworkPage::updatePasswordState()
{
    const bool stored = m_settings->general().network.hasProxyPassword;
    const core::SecretBackend backend = m_settings->secretBackend();
    QString placeholder = tr("Optional");
    QString hint;
    if (stored) {
        placeholder = backend == core::SecretBackend::File ? tr("Stored in the private key file")
                                                           : tr("Stored in the system keychain");
        hint = tr("A stored password is never shown. Type a new one to replace it.");
    } else if (backend == core::SecretBackend::Unavailable) {
        hint = tr("Passwords cannot be stored until a keychain or the private key file is "
                  "available (see the Providers page).");
    }
    m_password->setState(stored, placeholder, hint);
}

void NetworkPage::storePassword()
{
    const QString password = m_password->typedText();
    if (password.isEmpty())
        return;
    apply(); // the user name typed with it belongs to the same proxy
    m_removePending = false;
    m_passwordWritePending = true;
    settingsStyle::setMessage(m_passwordMessage, tr("Storing the password…"), Tone::Neutral);
    m_settings->setProxyPassword(password);
}

void NetworkPage::onPasswordSaved(const QString& error)
{
    if (!m_passwordWritePending)
        return;
    m_passwordWritePending = false;
    if (error.isEmpty()) {
        m_password->clearTyped();
        settingsStyle::setMessage(
            m_passwordMessage, m_removePending ? tr("Password removed.") : tr("Password stored."),
            Tone::Good);
    } else {
        // The typed password stays (masked) so that leaving the field again retries.
        settingsStyle::setMessage(m_passwordMessage,
                                  tr("The password was not stored: %1").arg(error), Tone::Bad);
    }
    m_removePending = false;
    updatePasswordState();
}

} // namespace keel::ui
