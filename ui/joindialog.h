#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace wr {

// What the Join dialog asks for.
struct JoinRequest
{
    QString hub; // for the Negotiator
    QString board;
    QString name;
    QString color; // "#rrggbb"
    QByteArray pin; // the hub's certificate digest (TlsPin); empty: verify normally
};

// Join a session: paste whatever you were sent (a watchroom:// link, a negotiate URL, a wss://
// client URL, a connection string), your display name and colour (remembered), or pick one
// of the recent hubs. Connection strings carry an access key and are never remembered. For an
// https/wss hub a certificate pin field appears (filled from a link's pin=, or the pin last
// used with that hub), to trust a self-signed certificate on a LAN.
class JoinDialog : public QDialog
{
    Q_OBJECT

public:
    JoinDialog(const QString &board, QWidget *parent = nullptr);

    JoinRequest request() const;
    QComboBox *hubBox() const { return m_hub; }
    QLineEdit *boardField() const { return m_board; }
    QLineEdit *pinField() const { return m_pin; }
    QString problem() const; // why Join is disabled; empty when it is not

    static QStringList recentHubs();
    static QByteArray rememberedPin(const QString &hub); // empty: none
    static void remember(const JoinRequest &request);

protected:
    void changeEvent(QEvent *event) override;

private:
    void validate();
    void hubChanged();
    void growToFit();
    void chooseColor();
    void retranslate();

    QComboBox *m_hub = nullptr;
    QLineEdit *m_board = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_pin = nullptr;
    QLabel *m_pinLabel = nullptr;
    QToolButton *m_color = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_hubLabel = nullptr;
    QLabel *m_boardLabel = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_colorLabel = nullptr;
    QPushButton *m_join = nullptr;
    QString m_colorName;
    bool m_boardEdited = false;
    bool m_pinEdited = false;
};

} // namespace wr
