#include <liyuan/scene/AnimationPath.h>

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace liyuan {

bool AnimationPath::load(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
        return false;
    }
    if (f.size() > 64ll * 1024 * 1024) {
        if (error)
            *error = QStringLiteral("%1: too large for a camera path (%2 MB)").arg(path).arg(f.size() >> 20);
        return false;
    }
    return parse(f.readAll(), path, error);
}

bool AnimationPath::parse(const QByteArray &text, const QString &fileName, QString *error)
{
    m_points.clear();
    const QList<QByteArray> lines = text.split('\n');
    int lineNo = 0;
    for (const QByteArray &raw : lines) {
        ++lineNo;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 8) {
            if (error)
                *error = QStringLiteral("%1:%2: expected 'time x y z qx qy qz qw', got %3 values")
                                 .arg(fileName).arg(lineNo).arg(f.size());
            m_points.clear();
            return false;
        }
        double v[8];
        for (int i = 0; i < 8; ++i) {
            bool ok = false;
            v[i] = f[i].toDouble(&ok);
            if (!ok || !std::isfinite(v[i])) {
                if (error)
                    *error = QStringLiteral("%1:%2: '%3' is not a number").arg(fileName).arg(lineNo).arg(QString::fromUtf8(f[i]));
                m_points.clear();
                return false;
            }
        }
        ControlPoint p;
        p.time = v[0];
        p.position = Vec3d(v[1], v[2], v[3]);
        p.rotation = QQuaternion(float(v[7]), float(v[4]), float(v[5]), float(v[6])).normalized();
        if (!m_points.empty() && p.time < m_points.back().time) {
            if (error)
                *error = QStringLiteral("%1:%2: time goes backwards").arg(fileName).arg(lineNo);
            m_points.clear();
            return false;
        }
        m_points.push_back(p);
    }
    if (m_points.empty()) {
        if (error)
            *error = QStringLiteral("%1: no control points").arg(fileName);
        return false;
    }
    return true;
}

bool AnimationPath::save(const QString &path, QString *error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    for (const ControlPoint &p : m_points) {
        const QString line = QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                                     .arg(p.time, 0, 'g', 10)
                                     .arg(p.position.x, 0, 'f', 4)
                                     .arg(p.position.y, 0, 'f', 4)
                                     .arg(p.position.z, 0, 'f', 4)
                                     .arg(double(p.rotation.x()), 0, 'g', 9)
                                     .arg(double(p.rotation.y()), 0, 'g', 9)
                                     .arg(double(p.rotation.z()), 0, 'g', 9)
                                     .arg(double(p.rotation.scalar()), 0, 'g', 9);
        f.write(line.toUtf8());
    }
    if (!f.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

AnimationPath::ControlPoint AnimationPath::sample(double t) const
{
    if (m_points.empty())
        return {};
    if (t <= m_points.front().time)
        return m_points.front();
    if (t >= m_points.back().time)
        return m_points.back();
    auto it = std::upper_bound(m_points.begin(), m_points.end(), t,
                               [](double time, const ControlPoint &p) { return time < p.time; });
    const ControlPoint &b = *it;
    const ControlPoint &a = *(it - 1);
    const double span = b.time - a.time;
    const double r = span > 0 ? (t - a.time) / span : 0.0;
    ControlPoint out;
    out.time = t;
    out.position = a.position + (b.position - a.position) * r;
    out.rotation = QQuaternion::slerp(a.rotation, b.rotation, float(r));
    return out;
}

} // namespace liyuan
