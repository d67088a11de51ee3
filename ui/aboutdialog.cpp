#include "aboutdialog.h"

#include "watchroomresources.h"
#include "watchroomversion.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLibraryInfo>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wr {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    icon->setPixmap(appIcon().pixmap(64, 64));
    top->addWidget(icon, 0, Qt::AlignTop);
    auto *texts = new QVBoxLayout;
    m_title = new QLabel(this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    texts->addWidget(m_title);
    m_body = new QLabel(this);
    m_body->setTextFormat(Qt::RichText); // our own text only, with the project link
    m_body->setWordWrap(true);
    m_body->setOpenExternalLinks(true);
    m_body->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_body->setMinimumWidth(440);
    texts->addWidget(m_body);
    top->addLayout(texts, 1);
    layout->addLayout(top);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_aboutQt = buttons->addButton(QString(), QDialogButtonBox::HelpRole);
    connect(m_aboutQt, &QPushButton::clicked, this, [] { QApplication::aboutQt(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    retranslate();
}

QString AboutDialog::text() const
{
    return m_title->text() + u'\n' + m_body->text();
}

void AboutDialog::retranslate()
{
    setWindowTitle(tr("About Watchroom"));
    m_title->setText(tr("Watchroom %1").arg(QStringLiteral(WATCHROOM_VERSION_STRING)));
    m_aboutQt->setText(tr("About &Qt"));
    const QString url = QStringLiteral(WATCHROOM_HOMEPAGE_URL);
    // Module list: what the app links; licences of the open-source editions of Qt 6.
    const QString modules = u"<ul>"_s
        + tr("<li>Qt Core, Gui, Widgets, Network, WebSockets, Sql — LGPL-3.0 (or GPL)</li>")
        + tr("<li>Qt Charts — GPL-3.0 (the charts)</li>")
        + tr("<li>Qt HttpServer — GPL-3.0 (the embedded relay)</li>") + u"</ul>"_s;
    m_body->setText(
        tr("<p>Collaborative live monitoring: live charts, shared cursors and annotations, on "
           "this computer, on a LAN or through Azure Web PubSub.</p>")
        + tr("<p>Licence: %1. Because the open-source editions of Qt Charts and Qt HttpServer "
             "are GPL-3.0, Watchroom is GPL-3.0-or-later.</p>")
              .arg(QStringLiteral(WATCHROOM_LICENSE))
        + tr("<p>Built with Qt %1 (running on Qt %2), using:</p>")
              .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()))
        + modules + u"<p><a href=\"%1\">%1</a></p>"_s.arg(url.toHtmlEscaped()));
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace wr
