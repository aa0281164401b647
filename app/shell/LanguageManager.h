#pragma once
#include <QObject>
#include <QTranslator>

class QQmlEngine;

namespace liyuan {

/**
 * Interface language: loads the shipped translation (:/i18n/liyuan_<lang>.qm), switches at
 * run time (QQmlEngine::retranslate) and remembers the choice in settings. GUI thread.
 */
class LanguageManager : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
public:
    explicit LanguageManager(QObject *parent = nullptr) : QObject(parent) {}

    /** The language to start with: explicit choice, else the saved one, else the system locale. */
    static QString initialLanguage(const QString &requested);

    QString language() const { return m_language; }
    void setEngine(QQmlEngine *engine) { m_engine = engine; }
    /** Installs the translation for "zh_CN" or "en"; false when it is not shipped. */
    Q_INVOKABLE bool setLanguage(const QString &language);

signals:
    void languageChanged();

private:
    QTranslator m_translator;
    QString m_language;
    QQmlEngine *m_engine = nullptr;
};

} // namespace liyuan
