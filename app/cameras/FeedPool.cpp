#include "FeedPool.h"

namespace liyuan {

FeedPool::FeedPool(const video::VideoOptions &options, QObject *parent) : QObject(parent), m_options(options) {}

FeedPool::~FeedPool()
{
    for (Entry &e : m_entries)
        if (e.feed) {
            e.feed->stop();
            delete e.feed;
        }
}

video::VideoFeed *FeedPool::acquire(const Source &source)
{
    const QString key = keyOf(source.cameraId, source.stream);
    auto it = m_entries.find(key);
    if (it != m_entries.end() && it->feed) {
        ++it->uses;
        return it->feed;
    }
    auto *feed = new video::VideoFeed(m_options, this);
    Entry e;
    e.feed = feed;
    e.source = source;
    e.uses = 1;
    m_entries.insert(key, e);
    const QString id = source.cameraId;
    connect(feed, &video::VideoFeed::stateChanged, this, [this, feed, id] { emit feedStateChanged(id, feed->stateName()); });
    if (source.credentialRef.isEmpty() || !m_lookup) {
        feed->setSource(source.url);
        feed->start();
    } else {
        QPointer<video::VideoFeed> guard(feed);
        m_lookup(source.credentialRef, feed, [this, guard, source](bool ok, QString user, QString password, QString error) {
            if (!guard)
                return;
            if (!ok)
                emit message(tr("Camera %1: no credentials for '%2' in the keychain (%3); connecting without them")
                                     .arg(source.cameraId, source.credentialRef, error));
            guard->setSource(source.url, ok ? user : QString(), ok ? password : QString());
            guard->start();
        });
    }
    return feed;
}

void FeedPool::release(video::VideoFeed *feed)
{
    if (!feed)
        return;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->feed != feed)
            continue;
        if (--it->uses <= 0) {
            const QString id = it->source.cameraId;
            feed->stop();
            feed->deleteLater();
            m_entries.erase(it);
            emit feedStateChanged(id, QStringLiteral("idle"));
        }
        return;
    }
}

video::VideoFeed *FeedPool::find(const QString &cameraId, const QString &stream) const
{
    const auto it = m_entries.constFind(keyOf(cameraId, stream));
    return it == m_entries.cend() ? nullptr : it->feed.data();
}

QList<video::VideoFeed *> FeedPool::feeds() const
{
    QList<video::VideoFeed *> out;
    for (const Entry &e : m_entries)
        if (e.feed)
            out << e.feed;
    return out;
}

QString FeedPool::cameraOf(video::VideoFeed *feed) const
{
    for (const Entry &e : m_entries)
        if (e.feed == feed)
            return e.source.cameraId;
    return {};
}

QString FeedPool::streamOf(video::VideoFeed *feed) const
{
    for (const Entry &e : m_entries)
        if (e.feed == feed)
            return e.source.stream;
    return {};
}

} // namespace liyuan
