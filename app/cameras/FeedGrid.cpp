#include "FeedGrid.h"

#include <QVideoSink>

#include <cmath>

namespace liyuan {

FeedGrid::FeedGrid(FeedPool *pool, QObject *parent) : QAbstractListModel(parent), m_pool(pool) {}

FeedGrid::~FeedGrid()
{
    for (Tile &t : m_tiles)
        if (t.feed)
            m_pool->release(t.feed);
}

int FeedGrid::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tiles.size());
}

QVariant FeedGrid::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_tiles.size())
        return {};
    const Tile &t = m_tiles[index.row()];
    switch (role) {
    case CameraIdRole: return t.camera.id;
    case NameRole: return t.camera.name.isEmpty() ? t.camera.id : t.camera.name;
    case FeedRole: return QVariant::fromValue<QObject *>(t.feed);
    case StreamRole: return t.stream;
    case StateRole: return t.feed ? t.feed->stateName() : QStringLiteral("idle");
    case FramesRole: return t.feed ? t.feed->framesDecoded() : 0;
    case ErrorRole: return t.feed ? t.feed->errorString() : QString();
    case ShownRole: return m_maximised < 0 || m_maximised == index.row();
    }
    return {};
}

QHash<int, QByteArray> FeedGrid::roleNames() const
{
    return {{CameraIdRole, "cameraId"}, {NameRole, "name"}, {FeedRole, "feed"}, {StreamRole, "stream"},
            {StateRole, "feedState"}, {FramesRole, "frames"}, {ErrorRole, "errorText"}, {ShownRole, "shown"}};
}

void FeedGrid::setLayout(int tiles)
{
    const int n = tiles <= 1 ? 1 : tiles <= 4 ? 4 : tiles <= 9 ? 9 : 16;
    if (n == m_layout)
        return;
    m_layout = n;
    while (m_tiles.size() > m_layout)
        close(int(m_tiles.size()) - 1);
    emit layoutChanged();
}

int FeedGrid::columns() const
{
    return int(std::lround(std::sqrt(double(m_layout))));
}

void FeedGrid::setMaximised(int row)
{
    if (row < -1 || row >= m_tiles.size())
        row = -1;
    if (row == m_maximised)
        return;
    m_maximised = row;
    applyStreams();
    emit maximisedChanged();
    if (!m_tiles.isEmpty())
        emit dataChanged(index(0), index(int(m_tiles.size()) - 1));
}

int FeedGrid::open(const Camera &camera)
{
    const int existing = rowOf(camera.id);
    if (existing >= 0)
        return existing;
    if (m_tiles.size() >= m_layout)
        close(0); // the oldest tile makes room
    const int row = int(m_tiles.size());
    beginInsertRows({}, row, row);
    Tile t;
    t.camera = camera;
    m_tiles.append(t);
    endInsertRows();
    if (m_maximised >= 0)
        setMaximised(-1); // a new feed shows the grid again
    else
        applyStreams();
    emit countChanged();
    return row;
}

void FeedGrid::close(int row)
{
    if (row < 0 || row >= m_tiles.size())
        return;
    beginRemoveRows({}, row, row);
    Tile t = m_tiles.takeAt(row);
    endRemoveRows();
    if (t.feed) {
        for (QObject *s : std::as_const(t.sinks))
            if (auto *sink = qobject_cast<QVideoSink *>(s))
                t.feed->removeDisplaySink(sink);
        m_pool->release(t.feed);
    }
    if (m_maximised == row)
        m_maximised = -1, applyStreams(), emit maximisedChanged();
    else if (m_maximised > row)
        --m_maximised, emit maximisedChanged();
    emit countChanged();
}

void FeedGrid::closeAll()
{
    while (!m_tiles.isEmpty())
        close(int(m_tiles.size()) - 1);
}

int FeedGrid::rowOf(const QString &cameraId) const
{
    for (int i = 0; i < m_tiles.size(); ++i)
        if (m_tiles[i].camera.id == cameraId)
            return i;
    return -1;
}

QStringList FeedGrid::cameraIds() const
{
    QStringList ids;
    for (const Tile &t : m_tiles)
        ids << t.camera.id;
    return ids;
}

video::VideoFeed *FeedGrid::feedAt(int row) const
{
    return row >= 0 && row < m_tiles.size() ? m_tiles[row].feed : nullptr;
}

void FeedGrid::attachSink(int row, QObject *videoSink)
{
    auto *sink = qobject_cast<QVideoSink *>(videoSink);
    if (!sink)
        return;
    detachSink(videoSink);
    if (row < 0 || row >= m_tiles.size())
        return;
    Tile &t = m_tiles[row];
    t.sinks << videoSink;
    if (t.feed)
        t.feed->addDisplaySink(sink);
}

void FeedGrid::detachSink(QObject *videoSink)
{
    for (Tile &t : m_tiles)
        if (t.sinks.removeAll(videoSink) > 0 && t.feed)
            if (auto *sink = qobject_cast<QVideoSink *>(videoSink))
                t.feed->removeDisplaySink(sink);
}

void FeedGrid::applyStreams()
{
    for (int row = 0; row < m_tiles.size(); ++row) {
        const Tile &t = m_tiles[row];
        QString want;
        if (m_maximised < 0)
            want = t.camera.subUrl.isValid() && !t.camera.subUrl.isEmpty() ? QStringLiteral("sub") : QStringLiteral("main");
        else if (row == m_maximised)
            want = t.camera.mainUrl.isValid() && !t.camera.mainUrl.isEmpty() ? QStringLiteral("main") : QStringLiteral("sub");
        setTileStream(row, want); // hidden tiles (another one maximised): none, not decoded
    }
}

void FeedGrid::setTileStream(int row, const QString &stream)
{
    Tile &t = m_tiles[row];
    if (t.stream == stream && (t.feed || stream.isEmpty()))
        return;
    video::VideoFeed *old = t.feed;
    t.feed = nullptr;
    t.stream = stream;
    if (!stream.isEmpty()) {
        FeedPool::Source s;
        s.cameraId = t.camera.id;
        s.stream = stream;
        s.url = stream == QLatin1String("main") ? t.camera.mainUrl : t.camera.subUrl;
        s.credentialRef = t.camera.credentialRef;
        t.feed = m_pool->acquire(s);
        for (QObject *o : std::as_const(t.sinks))
            if (auto *sink = qobject_cast<QVideoSink *>(o))
                t.feed->addDisplaySink(sink);
        connect(t.feed, &video::VideoFeed::stateChanged, this, [this, f = t.feed] { feedChanged(f); });
        connect(t.feed, &video::VideoFeed::framesDecodedChanged, this, [this, f = t.feed] { feedChanged(f); });
    }
    if (old) {
        for (QObject *o : std::as_const(t.sinks))
            if (auto *sink = qobject_cast<QVideoSink *>(o))
                old->removeDisplaySink(sink);
        m_pool->release(old);
    }
    emit dataChanged(index(row), index(row));
}

void FeedGrid::feedChanged(video::VideoFeed *feed)
{
    for (int row = 0; row < m_tiles.size(); ++row)
        if (m_tiles[row].feed == feed)
            emit dataChanged(index(row), index(row), {StateRole, FramesRole, ErrorRole});
}

} // namespace liyuan
