#include "annotationdialog.h"

#include "plaintext.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace wr {

AnnotationDialog::AnnotationDialog(const session::Annotation &annotation,
                                   const QString &panelTitle, QWidget *parent)
    : QDialog(parent)
    , m_annotation(annotation)
    , m_colorName(annotation.color.isEmpty() ? u"#f5a524"_s : annotation.color)
    , m_panelId(annotation.panel.value_or(QString()))
{
    setWindowTitle(annotation.id.isEmpty() ? tr("New annotation") : tr("Edit annotation"));
    auto *form = new QFormLayout(this);

    const QString t0 = QDateTime::fromMSecsSinceEpoch(annotation.t0).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    QString when = t0;
    if (annotation.t1) {
        when = tr("%1 to %2", "annotation time range")
                   .arg(t0, QDateTime::fromMSecsSinceEpoch(*annotation.t1).toString(u"HH:mm:ss"_s));
    }
    auto *whenLabel = new QLabel(when, this);
    whenLabel->setTextFormat(Qt::PlainText);
    form->addRow(tr("When:"), whenLabel);

    m_text = new QPlainTextEdit(annotation.text, this);
    m_text->setAccessibleName(tr("Annotation text"));
    m_text->setPlaceholderText(tr("What happened here?"));
    m_text->setTabChangesFocus(true);
    m_text->setMinimumHeight(70);
    form->addRow(tr("&Text:"), m_text);

    m_tags = new QLineEdit(annotation.tags.join(u", "_s), this);
    m_tags->setAccessibleName(tr("Tags"));
    m_tags->setPlaceholderText(tr("deploy, incident"));
    form->addRow(tr("T&ags:"), m_tags);

    m_color = new QToolButton(this);
    m_color->setAccessibleName(tr("Colour"));
    m_color->setText(tr("Choose…"));
    m_color->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_color, &QToolButton::clicked, this, &AnnotationDialog::chooseColor);
    form->addRow(tr("&Colour:"), m_color);

    //: Scope of an annotation: every panel of the board instead of only this one
    // The panel's title comes from the series' names: literally, '&' included.
    m_wholeBoard = new QCheckBox(
        tr("Show on every panel (not only %1)").arg(mnemonicEscaped(panelTitle)), this);
    m_wholeBoard->setChecked(!annotation.panel.has_value());
    m_wholeBoard->setEnabled(annotation.panel.has_value());
    form->addRow(QString(), m_wholeBoard);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Save"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_text, &QPlainTextEdit::textChanged, this, &AnnotationDialog::validate);
    form->addRow(buttons);

    QPixmap swatch(16, 16);
    swatch.fill(QColor::fromString(m_colorName));
    m_color->setIcon(swatch);
    validate();
}

void AnnotationDialog::chooseColor()
{
    const QColor c = QColorDialog::getColor(QColor::fromString(m_colorName), this,
                                            tr("Annotation colour"));
    if (!c.isValid())
        return;
    m_colorName = c.name();
    QPixmap swatch(16, 16);
    swatch.fill(c);
    m_color->setIcon(swatch);
}

void AnnotationDialog::validate()
{
    auto *box = findChild<QDialogButtonBox *>();
    if (box)
        box->button(QDialogButtonBox::Ok)
            ->setEnabled(m_text->toPlainText().size() <= session::kMaxTextLength);
}

QStringList AnnotationDialog::parseTags(const QString &text)
{
    static const QRegularExpression separators(u"[,\\s]+"_s);
    QStringList tags;
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString tag = part.left(session::kMaxTagLength);
        if (!tags.contains(tag, Qt::CaseInsensitive) && tags.size() < session::kMaxTags)
            tags.append(tag);
    }
    return tags;
}

session::Annotation AnnotationDialog::annotation() const
{
    session::Annotation a = m_annotation;
    a.text = m_text->toPlainText().trimmed().left(session::kMaxTextLength);
    a.tags = parseTags(m_tags->text());
    a.color = m_colorName;
    if (m_wholeBoard->isChecked() || m_panelId.isEmpty())
        a.panel.reset();
    else
        a.panel = m_panelId;
    return a;
}

} // namespace wr
