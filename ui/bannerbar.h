#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace wr {

// Non-modal error and notice banners above the board: the reason in words, a close button,
// never a dialog. The same key replaces its banner (with a repeat count) instead of stacking a
// new one, and at most kMaxBanners show at once (the oldest goes), so a burst of failures never
// becomes a storm.
class BannerBar : public QWidget
{
    Q_OBJECT

public:
    enum class Kind { Error, Warning, Info };
    static constexpr int kMaxBanners = 3;

    explicit BannerBar(QWidget *parent = nullptr);

    // `key` identifies the cause (e.g. "connection"); empty uses the text.
    void showBanner(const QString &key, const QString &text, Kind kind = Kind::Error);
    // A button on the banner of `key` (one per banner; a second call replaces it) that runs
    // `onClick`; the banner stays until the callback dismisses it. False without such a banner.
    bool setAction(const QString &key, const QString &label, std::function<void()> onClick);
    QPushButton *actionButton(const QString &key) const;
    void dismiss(const QString &key);
    void dismissAll();

    QStringList keys() const;
    QString text(const QString &key) const; // as shown, repeat count included
    int count() const { return int(m_banners.size()); }

Q_SIGNALS:
    void countChanged(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Banner
    {
        QString key;
        QString text;
        Kind kind = Kind::Error;
        int repeats = 1;
        QWidget *widget = nullptr;
        QLabel *label = nullptr;
        QPushButton *action = nullptr;
    };
    void restyle(Banner &banner);
    void remove(qsizetype index);

    QVBoxLayout *m_layout = nullptr;
    QList<Banner> m_banners;
};

} // namespace wr
