#include "bannerbar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wr {

BannerBar::BannerBar(QWidget *parent)
    : QWidget(parent)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(8, 4, 8, 0);
    m_layout->setSpacing(4);
    setAccessibleName(tr("Messages"));
    hide();
}

bool BannerBar::setAction(const QString &key, const QString &label, std::function<void()> onClick)
{
    for (Banner &b : m_banners) {
        if (b.key != key)
            continue;
        delete b.action;
        b.action = new QPushButton(label, b.widget);
        b.action->setObjectName(u"bannerAction"_s);
        auto *row = static_cast<QHBoxLayout *>(b.widget->layout());
        row->insertWidget(1, b.action, 0, Qt::AlignTop);
        b.action->show(); // the layout would only show it on the next pass of the event loop
        connect(b.action, &QPushButton::clicked, this, std::move(onClick));
        return true;
    }
    return false;
}

QPushButton *BannerBar::actionButton(const QString &key) const
{
    for (const Banner &b : m_banners) {
        if (b.key == key)
            return b.action;
    }
    return nullptr;
}

void BannerBar::showBanner(const QString &key, const QString &text, Kind kind)
{
    const QString id = key.isEmpty() ? text : key;
    for (qsizetype i = 0; i < m_banners.size(); ++i) {
        Banner &b = m_banners[i];
        if (b.key != id)
            continue;
        b.repeats = b.text == text ? b.repeats + 1 : 1;
        b.text = text;
        b.kind = kind;
        restyle(b);
        return;
    }
    while (m_banners.size() >= kMaxBanners)
        remove(0);

    Banner b;
    b.key = id;
    b.text = text;
    b.kind = kind;
    b.widget = new QWidget(this);
    b.widget->setAutoFillBackground(true);
    b.widget->setObjectName(u"banner"_s);
    auto *row = new QHBoxLayout(b.widget);
    row->setContentsMargins(10, 6, 6, 6);
    b.label = new QLabel(b.widget);
    // Reasons can quote what a server or a peer said: never markup.
    b.label->setTextFormat(Qt::PlainText);
    b.label->setWordWrap(true);
    b.label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(b.label, 1);
    auto *close = new QToolButton(b.widget);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Dismiss"));
    close->setAccessibleName(tr("Dismiss message"));
    row->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, [this, w = b.widget] {
        for (qsizetype i = 0; i < m_banners.size(); ++i) {
            if (m_banners[i].widget == w) {
                remove(i);
                return;
            }
        }
    });
    m_layout->addWidget(b.widget);
    m_banners.append(b);
    restyle(m_banners.last());
    show();
    Q_EMIT countChanged(count());
}

void BannerBar::restyle(Banner &b)
{
    QString shown = b.text;
    if (b.repeats > 1)
        //: A banner's message that happened several times: %1 = message, %n = how often
        shown = tr("%1 (%n times)", nullptr, b.repeats).arg(b.text);
    b.label->setText(shown);
    b.widget->setAccessibleDescription(shown);
    const bool dark = palette().color(QPalette::Window).lightnessF() < 0.5;
    QColor background;
    switch (b.kind) {
    case Kind::Error:
        background = dark ? QColor(0x5c, 0x1f, 0x24) : QColor(0xfd, 0xe2, 0xe1);
        break;
    case Kind::Warning:
        background = dark ? QColor(0x5a, 0x45, 0x10) : QColor(0xff, 0xf1, 0xc6);
        break;
    case Kind::Info:
        background = dark ? QColor(0x1d, 0x3a, 0x5f) : QColor(0xdd, 0xea, 0xfb);
        break;
    }
    QPalette pal = b.widget->palette();
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, dark ? QColor(0xf2, 0xf2, 0xf2) : QColor(0x1c, 0x1c, 0x1c));
    b.widget->setPalette(pal);
}

void BannerBar::remove(qsizetype index)
{
    Banner b = m_banners.takeAt(index);
    b.widget->hide();
    b.widget->deleteLater();
    if (m_banners.isEmpty())
        hide();
    Q_EMIT countChanged(count());
}

void BannerBar::dismiss(const QString &key)
{
    for (qsizetype i = 0; i < m_banners.size(); ++i) {
        if (m_banners[i].key == key) {
            remove(i);
            return;
        }
    }
}

void BannerBar::dismissAll()
{
    while (!m_banners.isEmpty())
        remove(0);
}

QStringList BannerBar::keys() const
{
    QStringList result;
    for (const Banner &b : m_banners)
        result.append(b.key);
    return result;
}

QString BannerBar::text(const QString &key) const
{
    for (const Banner &b : m_banners) {
        if (b.key == key)
            return b.label->text();
    }
    return {};
}

void BannerBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        for (Banner &b : m_banners)
            restyle(b);
    }
    QWidget::changeEvent(event);
}

} // namespace wr
