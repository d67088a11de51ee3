#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace wr {

// Version, licence, the Qt modules Watchroom uses and their licences, the project's URL.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    QLabel *m_title = nullptr;
    QLabel *m_body = nullptr;
    QPushButton *m_aboutQt = nullptr;
};

} // namespace wr
