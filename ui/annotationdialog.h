#pragma once

#include "sessionmessages.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace wr {

// The small editor for one annotation: text, tags, colour and whether it applies to this panel
// or to the whole board. The times come from the gesture that opened it.
class AnnotationDialog : public QDialog
{
    Q_OBJECT

public:
    AnnotationDialog(const session::Annotation &annotation, const QString &panelTitle,
                     QWidget *parent = nullptr);

    // The edited annotation (id, times and panel scope as given unless changed here).
    session::Annotation annotation() const;

    // Comma- or space-separated tags, trimmed, deduplicated, within the protocol's limits.
    static QStringList parseTags(const QString &text);

private:
    void chooseColor();
    void validate();

    session::Annotation m_annotation;
    QPlainTextEdit *m_text = nullptr;
    QLineEdit *m_tags = nullptr;
    QToolButton *m_color = nullptr;
    QCheckBox *m_wholeBoard = nullptr;
    QString m_colorName;
    QString m_panelId;
};

} // namespace wr
