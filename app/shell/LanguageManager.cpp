#include "LanguageManager.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlContext>
#include <QQmlEngine>
#include <QSettings>

namespace liyuan {

QString LanguageManager::initialLanguage(const QString &requested)
{
    if (!requested.isEmpty())
        return requested;
    const QString saved = QSettings().value(QStringLiteral("ui/language")).toString();
    if (saved == QLatin1String("zh_CN") || saved == QLatin1String("en"))
        return saved;
    return QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

bool LanguageManager::setLanguage(const QString &language)
{
    if (language == m_language)
        return true;
    QCoreApplication::removeTranslator(&m_translator);
    const bool ok = m_translator.load(QStringLiteral(":/i18n/liyuan_%1.qm").arg(language));
    if (ok)
        QCoreApplication::installTranslator(&m_translator);
    m_language = language;
    if (m_engine) {
        m_engine->rootContext()->setContextProperty(QStringLiteral("uiLanguage"), language);
        m_engine->retranslate();
    }
    QSettings().setValue(QStringLiteral("ui/language"), language);
    emit languageChanged();
    return ok;
}

} // namespace liyuan
