// NetworkPage: the proxy (system, none, or a manual http / https / socks5 / socks5h URL with a
// user and a password kept like API keys), the connect and idle timeouts, and a note on TLS.
// Valid changes apply at once through Settings::setGeneral; an invalid proxy URL shows an
// inline error and is not applied.
#pragma once

#include "core/settings/Settings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace keel::ui {

class SecretField;

class NetworkPage : public QWidget {
    Q_OBJECT
public:
    explicit NetworkPage(core::Settings* settings, QWidget* parent = nullptr);

    // "" when text is a usable proxy URL, else a human error.
    static QString proxyUrlError(const QString& text);

    // For tests.
    QComboBox* proxyModeCombo() const { return m_mode; }
    QLineEdit* proxyUrlEdit() const { return m_url; }
    QLabel* proxyErrorLabel() const { return m_urlError; }
    QLineEdit* proxyUserEdit() const { return m_user; }
    SecretField* proxyPasswordField() const { return m_password; }
    QLabel* passwordMessageLabel() const { return m_passwordMessage; }
    QSpinBox* connectTimeoutSpin() const { return m_connectTimeout; }
    QSpinBox* idleTimeoutSpin() const { return m_idleTimeout; }
    QCheckBox* idleNeverCheck() const { return m_idleNever; }

private:
    void load();
    void apply();
    void updateEnabled();
    void updatePasswordState();
    void storePassword();
    void onPasswordSaved(const QString& error);

    core::Settings* m_settings;
    QComboBox* m_mode;
    QLineEdit* m_url;
    QLabel* m_urlError;
    QLineEdit* m_user;
    SecretField* m_password;
    QLabel* m_passwordMessage;
    QSpinBox* m_connectTimeout;
    QSpinBox* m_idleTimeout;
    QCheckBox* m_idleNever;
    bool m_loading = false;
    bool m_passwordWritePending = false;
    bool m_removePending = false;
};

} // namespace keel::ui
