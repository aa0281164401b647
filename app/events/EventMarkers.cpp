#include "EventMarkers.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace liyuan {

EventMarkers::EventMarkers(QQuick3DObject *parent) : QQuick3DInstancing(parent) {}

QColor EventMarkers::colorFor(int severity, bool acknowledged)
{
    static const QColor colors[] = {QColor(0x42, 0x8b, 0xf5), QColor(0x2e, 0xcc, 0x71), QColor(0xf5, 0xc5, 0x23),
                                    QColor(0xf5, 0x7c, 0x1f), QColor(0xe5, 0x1c, 0x23)};
    const QColor c = colors[std::clamp(severity, 0, 4)];
    if (!acknowledged)
        return c;
    // acknowledged: the severity's hue, washed out towards grey
    return QColor((c.red() + 2 * 0x90) / 3, (c.green() + 2 * 0x90) / 3, (c.blue() + 2 * 0x90) / 3);
}

void EventMarkers::setMarkers(const QVector<Marker> &markers, float markerSize)
{
    m_markers = markers;
    m_size = markerSize > 0 ? markerSize : 4.0f;
    m_pulsing = 0;
    for (const Marker &m : m_markers)
        m_pulsing += m.acknowledged ? 0 : 1;
    markDirty();
    emit countChanged();
}

void EventMarkers::setPhase(double phase)
{
    if (phase == m_phase)
        return;
    m_phase = phase;
    if (m_pulsing > 0)
        markDirty();
    emit phaseChanged();
}

void EventMarkers::setEye(const QVector3D &eye)
{
    if (m_hasEye && (eye - m_eye).length() < 0.02f * std::max(1.0f, (m_eye - (m_markers.isEmpty() ? eye : m_markers.first().position)).length()))
        return; // sizes change by less than about 2 %
    m_eye = eye;
    m_hasEye = true;
    if (!m_markers.isEmpty())
        markDirty();
}

float EventMarkers::sizeAt(int index) const
{
    if (index < 0 || index >= m_markers.size())
        return 0.f;
    if (!m_hasEye)
        return m_size;
    return std::max(m_size, m_minAngular * (m_markers.at(index).position - m_eye).length());
}

float EventMarkers::scaleAt(int index) const
{
    if (index < 0 || index >= m_markers.size())
        return 0.f;
    const Marker &m = m_markers.at(index);
    float s = m.selected ? 1.4f : 1.0f;
    if (m.acknowledged)
        return s * 0.6f;
    // more severe: faster (1..3 beats per phase cycle) and wider (±15 % … ±55 %)
    const int sev = std::clamp(m.severity, 0, 4);
    const double beats = 1.0 + sev * 0.5;
    const double swing = 0.15 + sev * 0.1;
    return s * float(1.0 + swing * std::sin(2.0 * M_PI * beats * m_phase));
}

QVector3D EventMarkers::centerAt(int index) const
{
    if (index < 0 || index >= m_markers.size())
        return {};
    return m_markers.at(index).position + QVector3D(0, 0, sizeAt(index) * 0.5f * scaleAt(index));
}

QColor EventMarkers::colorAt(int index) const
{
    if (index < 0 || index >= m_markers.size())
        return {};
    return colorFor(m_markers.at(index).severity, m_markers.at(index).acknowledged);
}

QByteArray EventMarkers::buildBuffer()
{
    QByteArray buffer;
    buffer.resize(qsizetype(m_markers.size()) * qsizetype(sizeof(InstanceTableEntry)));
    char *p = buffer.data();
    for (int i = 0; i < m_markers.size(); ++i) {
        const float s = sizeAt(i) / 100.0f * scaleAt(i);
        const InstanceTableEntry e = calculateTableEntry(centerAt(i), QVector3D(s, s, s), {}, colorAt(i),
                                                         QVector4D(float(m_markers.at(i).severity), 0, 0, 0));
        std::memcpy(p + qsizetype(i) * qsizetype(sizeof(InstanceTableEntry)), &e, sizeof e);
    }
    return buffer;
}

QByteArray EventMarkers::getInstanceBuffer(int *instanceCount)
{
    if (instanceCount)
        *instanceCount = count();
    return buildBuffer();
}

} // namespace liyuan
