#include <liyuan/assimp/ModelLoadProgress.h>

#include <QMutexLocker>

#include <algorithm>

namespace liyuan::assimp {

ModelLoadProgress &ModelLoadProgress::instance()
{
    static ModelLoadProgress p;
    return p;
}

void ModelLoadProgress::set(const QString &file, double fraction)
{
    const double f = std::clamp(fraction, 0.0, 1.0);
    QMutexLocker lock(&m_mutex);
    m_progress.insert(file, f);
}

void ModelLoadProgress::finished(const QString &file)
{
    QMutexLocker lock(&m_mutex);
    m_progress.remove(file);
}

double ModelLoadProgress::value(const QString &file) const
{
    QMutexLocker lock(&m_mutex);
    return m_progress.value(file, -1.0);
}

QHash<QString, double> ModelLoadProgress::all() const
{
    QMutexLocker lock(&m_mutex);
    return m_progress;
}

double ModelLoadProgress::overall() const
{
    QMutexLocker lock(&m_mutex);
    if (m_progress.isEmpty())
        return 1.0;
    double sum = 0;
    for (double v : m_progress)
        sum += v;
    return sum / double(m_progress.size());
}

} // namespace liyuan::assimp
