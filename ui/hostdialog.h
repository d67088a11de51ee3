#pragma once

#include <QDialog>
#include <QHostAddress>
#include <QList>

#include <functional>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace wr {

// One way in to a hosted session.
struct HostLink
{
    QString role; // viewer | annotator
    QString link; // watchroom://join?hub=…&board=…
    QString hubUrl; // the negotiate URL inside it (for watchroom-cli, scripts)
};

// Where to host, and optionally the certificate (PEM, the leaf first) and private key with
// which the embedded relay serves https/wss.
struct HostRequest
{
    QHostAddress address;
    quint16 port = 0;
    QString certificatePath;
    QString keyPath;
};

struct HostResult
{
    bool ok = false;
    QString error; // for people
    QString address; // where others reach us, e.g. 192.168.1.20:7300
    QString pin; // hosting with TLS: sha256:… of the certificate (the links carry it)
    QList<HostLink> links;
};

// Host a team session: pick the address others reach this computer at, optionally a TLS
// certificate and key, then share the links shown per role (viewer: sees everything, may not
// annotate; annotator: may annotate). Each link carries its role's invite secret and, with
// TLS, the certificate's pin.
class HostDialog : public QDialog
{
    Q_OBJECT

public:
    using Host = std::function<HostResult(const HostRequest &request)>;
    using PlainHost = std::function<HostResult(const QHostAddress &address, quint16 port)>;

    HostDialog(Host host, QWidget *parent = nullptr);
    // Without TLS: the certificate fields are hidden.
    HostDialog(PlainHost host, QWidget *parent = nullptr);

    // Already hosting (the dialog reopened): show these links.
    void showResult(const HostResult &result);
    QComboBox *addressBox() const { return m_address; }
    QLineEdit *certificateField() const { return m_certificate; }
    QLineEdit *keyField() const { return m_key; }
    QPushButton *hostButton() const { return m_hostButton; }
    QString linkText(const QString &role) const; // the shown watchroom:// link of a role

    // The addresses offered: this computer's IPv4 LAN addresses, then loopback.
    static QList<QHostAddress> candidateAddresses();

protected:
    void changeEvent(QEvent *event) override;

private:
    void startHosting();
    void retranslate();
    void addLinkRow(int row, const QString &label, const QString &text, const QString &name);
    void browse(QLineEdit *field, const QString &title, const QString &filter);

    Host m_host;
    QComboBox *m_address = nullptr;
    QSpinBox *m_port = nullptr;
    QLabel *m_intro = nullptr;
    QLabel *m_addressLabel = nullptr;
    QLabel *m_portLabel = nullptr;
    QLineEdit *m_certificate = nullptr;
    QLineEdit *m_key = nullptr;
    QLabel *m_certificateLabel = nullptr;
    QLabel *m_keyLabel = nullptr;
    QPushButton *m_certificateBrowse = nullptr;
    QPushButton *m_keyBrowse = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_hostButton = nullptr;
    QWidget *m_linksBox = nullptr;
    QGridLayout *m_links = nullptr;
    HostResult m_result;
};

} // namespace wr
